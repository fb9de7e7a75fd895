/**
 * A timestamp as the text `Date.prototype.toISOString()` writes (UTC, milliseconds), computed by the
 * database: a list that returns it as text saves the driver's date parsing and the re-formatting per row.
 */
export const isoText = (ref: string) => `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
