// Data every page uses, loaded once at start-up by app.js.
export const state = { summary: null, vocabulary: null, actors: null };
