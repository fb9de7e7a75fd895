/** A search text as an ILIKE pattern that finds it anywhere: its `%`, `_` and `\` match themselves. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
