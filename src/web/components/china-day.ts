import { chinaDay } from '../../core/dates.ts';

/** Today's date in China, where the zone's days start (the API's "today" too). */
export const chinaToday = (): string => chinaDay();
export const currentYear = () => Number(chinaToday().slice(0, 4));
