/**
 * A valid-looking example of a JSON schema from the OpenAPI document, so a
 * request passes validation and reaches the record lookup behind it: the
 * required fields (and `version`), each with a plain value of its type.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: JsonSchema;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

const ABSENT = '00000000-0000-4000-8000-000000000001';

/** Dates, months and amounts are checked by rules the document does not carry: the field's name tells. */
function byName(name: string): string | null {
  if (/(On|Date|^date)$/.test(name)) return '2025-06-02';
  if (/^month$/i.test(name)) return '2025-06';
  if (/(plan|completed|usd|mu|target|actual|amount|investment|output|tax|incentives|quota)$/i.test(name))
    return '100.00';
  return null;
}

function text(s: JsonSchema, name: string): string {
  const named = byName(name);
  if (named && !s.format) return named;
  const p = s.pattern ?? '';
  if (s.format === 'uuid') return ABSENT;
  if (s.format === 'date' || p.includes('\\d{4}-\\d{2}-\\d{2}')) return '2025-06-02';
  if (s.format === 'date-time') return '2025-06-02T08:00:00.000Z';
  if (s.format === 'email') return 'someone@example.com';
  if (p.includes('\\d{4}-\\d{2}') || p.includes('[0-9]{4}-')) return '2025-06';
  if (p.includes('\\d') || p.includes('[0-9]')) return '100.00';
  const n = Math.max(s.minLength ?? 1, 2);
  return '测试'.repeat(Math.ceil(n / 2)).slice(0, Math.min(n, s.maxLength ?? n));
}

export function example(doc: OpenApiDoc, schema: JsonSchema | undefined, depth = 0, name = ''): unknown {
  const s = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
  if (!s || depth > 5) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alts = (s.anyOf ?? s.oneOf)?.filter((a) => a.type !== 'null');
  if (alts?.length) return example(doc, alts[0], depth + 1, name);
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== 'null');
  if (s.properties || types.includes('object')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if ((s.required ?? []).includes(k) || k === 'version')
        out[k] = k === 'version' ? 1 : example(doc, v, depth + 1, k);
    }
    return out;
  }
  if (types.includes('array'))
    return Array.from({ length: s.minItems ?? 0 }, () => example(doc, s.items, depth + 1, name));
  if (types.includes('integer') || types.includes('number')) {
    const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    return Math.min(Math.max(lo, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
  }
  if (types.includes('boolean')) return false;
  if (types.includes('string')) return text(s, name);
  return null;
}
