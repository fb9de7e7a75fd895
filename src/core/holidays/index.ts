import { CN_2023 } from './2023.ts';
import { CN_2024 } from './2024.ts';
import { CN_2025 } from './2025.ts';
import { CN_2026 } from './2026.ts';
import type { YearCalendar } from './types.ts';

export type { HolidayRange, YearCalendar } from './types.ts';

/** The official calendars shipped with the platform; an admin adds later years in the database. */
export const OFFICIAL_CALENDARS: readonly YearCalendar[] = [CN_2023, CN_2024, CN_2025, CN_2026];
