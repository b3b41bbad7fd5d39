// Imported first by main.ts: lib/log reads FLOWGATE_SERVICE when it is first evaluated, and ES
// modules evaluate in import order, so this must come before anything that imports lib/log.
process.env.FLOWGATE_SERVICE ??= "sandbox";

export {};
