import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  zoneId: uuid('zone_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['internal', 'external', 'agency'] }).notNull(),
  description: text('description').notNull(),
  sortOrder: integer('sort_order').notNull(),
  version: integer('version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
