import { randomUUID } from 'node:crypto';
import { bulkInsert, type Column, unnestOf, unnestParams } from '../../db/bulk.ts';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { type Text, t } from '../../server/lang.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { companies } from './schema.ts';
import { TOP500_LISTS, type Top500List } from './vocab.ts';

/**
 * A ledger's investors resolved the way `resolveCompany` resolves one — by
 * USCC, else by exact name, else created — but for the whole file in a few
 * statements instead of two or three per row: the known companies are read in
 * two queries, new ones written through `unnest` with their audit entries,
 * and the 500强 lists read and changed in bulk. (A 10,000-row ledger took
 * 20–36 s row by row; see BENCHMARKS.md.) One difference: a company first
 * named without a code and given one later in the same file is created with
 * the code, under one audit entry.
 */

export interface Investor {
  key: string;
  name: string;
  uscc: string | null;
}

export type Resolved = { id: string; changed: boolean } | { problem: Text };

const NEW_COMPANY = [
  ['id', 'uuid'],
  ['zone_id', 'uuid'],
  ['name', 'text'],
  ['uscc', 'text'],
] as const satisfies readonly Column[];

/**
 * With `write: false` nothing is created or changed (the import will not
 * write): the answer is the same, the problems included, with the ids of
 * companies it would create made up.
 */
export async function resolveInvestors(
  tx: Tx,
  actor: Actor,
  investors: Investor[],
  opts: { write: boolean } = { write: true },
): Promise<Map<string, Resolved>> {
  const usccs = [...new Set(investors.map((i) => i.uscc).filter((u): u is string => !!u))];
  const names = [...new Set(investors.map((i) => i.name))];
  const byUscc = new Map<string, string>();
  const coded = await tx.client.query<{ id: string; uscc: string }>(
    'SELECT id, uscc FROM companies WHERE uscc = ANY($1::text[]) AND deleted_at IS NULL',
    [usccs],
  );
  for (const c of coded.rows) byUscc.set(c.uscc, c.id);
  const byName = new Map<string, { id: string; uscc: string | null; fresh?: { uscc: string | null } }>();
  const named = await tx.client.query<{ id: string; name: string; uscc: string | null }>(
    'SELECT id, name, uscc FROM companies WHERE name = ANY($1::text[]) AND deleted_at IS NULL',
    [names],
  );
  for (const c of named.rows) byName.set(c.name, { id: c.id, uscc: c.uscc });

  const created: { id: string; zoneId: string; name: string; uscc: string | null }[] = [];
  const out = new Map<string, Resolved>();
  for (const inv of investors) {
    if (out.has(inv.key)) continue;
    const coded = inv.uscc ? byUscc.get(inv.uscc) : undefined;
    if (coded) {
      out.set(inv.key, { id: coded, changed: false });
      continue;
    }
    const named = byName.get(inv.name);
    if (named) {
      if (!inv.uscc || named.uscc === inv.uscc) {
        out.set(inv.key, { id: named.id, changed: false });
      } else if (named.uscc && named.fresh) {
        // One name with two codes within the file: the file's own check reports it, and nothing is written.
        out.set(inv.key, { id: named.id, changed: true });
      } else if (named.uscc) {
        out.set(inv.key, {
          problem: t(
            `企业库中的“${inv.name}”登记的统一社会信用代码是 ${named.uscc}`,
            `"${inv.name}" is registered with the code ${named.uscc}`,
          ),
        });
      } else {
        // The file gives the code of a company registered without one.
        if (named.fresh) named.fresh.uscc = inv.uscc;
        else if (opts.write) {
          await updateVersioned(tx, companies, named.id, undefined, { uscc: inv.uscc });
          await record(tx, actor, {
            action: 'update',
            entity: 'company',
            entityId: named.id,
            before: { uscc: null },
            after: { uscc: inv.uscc },
          });
        }
        named.uscc = inv.uscc;
        byUscc.set(inv.uscc, named.id);
        out.set(inv.key, { id: named.id, changed: true });
      }
      continue;
    }
    const row = { id: randomUUID(), zoneId: actor.zoneId, name: inv.name, uscc: inv.uscc };
    created.push(row);
    byName.set(inv.name, { id: row.id, uscc: inv.uscc, fresh: row });
    if (inv.uscc) byUscc.set(inv.uscc, row.id);
    out.set(inv.key, { id: row.id, changed: true });
  }
  if (!opts.write) return out;
  // The companies and their audit entries in one statement.
  const u = unnestOf(NEW_COMPANY);
  const insert = `
    WITH c AS (
      INSERT INTO companies (id, zone_id, name, uscc) SELECT ${u.select} FROM ${u.from} RETURNING id, zone_id, name, uscc
    )
    INSERT INTO audit_log (zone_id, actor_id, actor_name, action, entity, entity_id, after)
    SELECT zone_id, $5::uuid, $6::text, 'create', 'company', id::text, jsonb_build_object('name', name, 'uscc', uscc) FROM c`;
  for (let i = 0; i < created.length; i += 4000) {
    const part = created.slice(i, i + 4000).map((c) => [c.id, c.zoneId, c.name, c.uscc]);
    await tx.client.query(insert, [...unnestParams(NEW_COMPANY, part), actor.userId, actor.displayName]);
  }
  return out;
}

/** Sets each company's 500强 lists to exactly the given ones; returns the companies whose lists changed. */
export async function setInvestorLists(tx: Tx, actor: Actor, lists: Map<string, Top500List[]>): Promise<Set<string>> {
  const { rows: have } = await tx.client.query<{ id: string; companyId: string; list: string }>(
    'SELECT id, company_id AS "companyId", list FROM company_top500 WHERE company_id = ANY($1::uuid[])',
    [[...lists.keys()]],
  );
  const changed = new Set<string>();
  const held = new Map<string, Set<string>>();
  for (const m of have) held.set(m.companyId, (held.get(m.companyId) ?? new Set()).add(m.list));
  const gone = have.filter((m) => !(lists.get(m.companyId) ?? []).includes(m.list as Top500List));
  const added: unknown[][] = [];
  for (const [companyId, wanted] of lists) {
    for (const list of wanted) {
      if (!held.get(companyId)?.has(list)) {
        added.push([actor.zoneId, companyId, list]);
        changed.add(companyId);
      }
    }
  }
  for (const m of gone) changed.add(m.companyId);
  if (gone.length > 0) {
    await tx.client.query('DELETE FROM company_top500 WHERE id = ANY($1::uuid[])', [gone.map((m) => m.id)]);
  }
  await bulkInsert(
    tx,
    'company_top500',
    [
      ['zone_id', 'uuid'],
      ['company_id', 'uuid'],
      ['list', 'text'],
    ],
    added,
  );
  // Each company whose lists changed gets its audit entry, all in one statement.
  const rank = (l: string) => TOP500_LISTS.indexOf(l as Top500List);
  const state = (ls: Iterable<string>) =>
    JSON.stringify({ top500: [...ls].sort((a, b) => rank(a) - rank(b)).map((list) => ({ list })) });
  await bulkInsert(
    tx,
    'audit_log',
    AUDIT_ENTRY,
    [...changed].map((companyId) => [
      actor.zoneId,
      actor.userId,
      actor.displayName,
      'update',
      'company',
      companyId,
      state(held.get(companyId) ?? []),
      state(lists.get(companyId) ?? []),
    ]),
  );
  return changed;
}

const AUDIT_ENTRY = [
  ['zone_id', 'uuid'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['action', 'text'],
  ['entity', 'text'],
  ['entity_id', 'text'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
] as const satisfies readonly Column[];
