import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const zones = pgTable('zones', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  regionCode: text('region_code'),
  level: text('level', { enum: ['national', 'provincial'] }).notNull(),
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
