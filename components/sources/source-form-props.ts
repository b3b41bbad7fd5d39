/** What the flow canvas's source palette passes to the form that creates a source of one kind. */
export interface SourceFormProps {
  flowId: string;
  /** Called when the person is done with the form (after creating, or to cancel). */
  onDone: () => void;
}
