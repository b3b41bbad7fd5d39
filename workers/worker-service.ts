/** A long-running loop in the worker process (reconciliation, schedules) that stops on shutdown. */
export interface WorkerService {
  name: string;
  stop(): Promise<void>;
}
