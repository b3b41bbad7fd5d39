// Shown in the editor when a user picks the "code" grouping algorithm.
export const STARTER_GROUPING_CODE = `// Build the request body for one batch of records.
// records: the batch (excluded attributes already removed), e.g. [{ email: "ada@example.com", ... }]
// context: { batchIndex, batchSize, method, url, intercomVersion }
// Return an object or array (sent as JSON) or a string (sent exactly as returned).
// Runs in a sandbox: no network, no timers, no require; 1 second and 32 MB at most.
(records, context) => {
  return {
    contacts: records,
  };
}
`;
