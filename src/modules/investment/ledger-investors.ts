import { randomUUID } from 'node:crypto';
import { and, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/tx.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { type Text, t } from '../../server/lang.ts';
import { auditLog } from '../audit/schema.ts';
import { record } from '../audit/service.ts';
import type { Actor } from '../auth/actor.ts';
import { companies, companyTop500 } from './schema.ts';
import type { Top500List } from './vocab.ts';

/**
 * A ledger's investors resolved the way `resolveCompany` resolves one — by
 * USCC, else by exact name, else created — but for the whole file in a few
 * statements instead of two or three per row: the known companies are read in
 * two queries, new ones written in batches of 500 with their audit entries,
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

const CHUNK = 1000;

async function inChunks<T>(values: string[], fn: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await fn(values.slice(i, i + CHUNK))));
  return out;
}

export async function resolveInvestors(tx: Tx, actor: Actor, investors: Investor[]): Promise<Map<string, Resolved>> {
  const usccs = [...new Set(investors.map((i) => i.uscc).filter((u): u is string => !!u))];
  const names = [...new Set(investors.map((i) => i.name))];
  const byUscc = new Map<string, string>();
  for (const c of await inChunks(usccs, (part) =>
    tx.db
      .select({ id: companies.id, uscc: companies.uscc })
      .from(companies)
      .where(and(inArray(companies.uscc, part), isNull(companies.deletedAt))),
  )) {
    if (c.uscc) byUscc.set(c.uscc, c.id);
  }
  const byName = new Map<string, { id: string; uscc: string | null; fresh?: { uscc: string | null } }>();
  for (const c of await inChunks(names, (part) =>
    tx.db
      .select({ id: companies.id, name: companies.name, uscc: companies.uscc })
      .from(companies)
      .where(and(inArray(companies.name, part), isNull(companies.deletedAt))),
  )) {
    byName.set(c.name, { id: c.id, uscc: c.uscc });
  }

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
        else {
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
  for (let i = 0; i < created.length; i += 500) {
    const part = created.slice(i, i + 500);
    await tx.db.insert(companies).values(part);
    await tx.db.insert(auditLog).values(
      part.map((c) => ({
        zoneId: actor.zoneId,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'create',
        entity: 'company',
        entityId: c.id,
        after: { name: c.name, uscc: c.uscc },
      })),
    );
  }
  return out;
}

/** Sets each company's 500强 lists to exactly the given ones; returns the companies whose lists changed. */
export async function setInvestorLists(tx: Tx, actor: Actor, lists: Map<string, Top500List[]>): Promise<Set<string>> {
  const have = await inChunks([...lists.keys()], (part) =>
    tx.db
      .select({ id: companyTop500.id, companyId: companyTop500.companyId, list: companyTop500.list })
      .from(companyTop500)
      .where(inArray(companyTop500.companyId, part)),
  );
  const changed = new Set<string>();
  const held = new Map<string, Set<string>>();
  for (const m of have) held.set(m.companyId, (held.get(m.companyId) ?? new Set()).add(m.list));
  const gone = have.filter((m) => !(lists.get(m.companyId) ?? []).includes(m.list as Top500List));
  const added: { zoneId: string; companyId: string; list: string; year: null }[] = [];
  for (const [companyId, wanted] of lists) {
    for (const list of wanted) {
      if (!held.get(companyId)?.has(list)) added.push({ zoneId: actor.zoneId, companyId, list, year: null });
    }
  }
  for (const m of gone) changed.add(m.companyId);
  for (const a of added) changed.add(a.companyId);
  const goneIds = gone.map((m) => m.id);
  for (let i = 0; i < goneIds.length; i += CHUNK) {
    await tx.db.delete(companyTop500).where(inArray(companyTop500.id, goneIds.slice(i, i + CHUNK)));
  }
  for (let i = 0; i < added.length; i += 500) await tx.db.insert(companyTop500).values(added.slice(i, i + 500));
  return changed;
}
