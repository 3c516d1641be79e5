// The JSON Schema (draft 2020-12 subset) of a form's data, derived from its layout. Conditional
// requirements become `if`/`then` over the same conditions that conditions.ts evaluates, so the
// schema alone (as an existing system reads it) says the same as the platform's validation.
import { FALSY_VALUES } from './conditions.ts';
import { isGroup, placedItems, type Condition, type FieldDef, type FormLayout, type GroupDef, type JsonSchema } from './definition.ts';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const DEFAULT_PATTERNS = {
  tel: { pattern: '^0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$', hint: { ja: '半角数字で入力してください（例：03-1234-5678）', en: 'Use digits, e.g. 03-1234-5678' } },
  'postal-code': { pattern: '^[0-9]{3}-?[0-9]{4}$', hint: { ja: '半角数字7桁で入力してください（例：150-8010）', en: 'Use 7 digits, e.g. 150-8010' } },
} as const;

const DEFAULT_MAX_LENGTH: Partial<Record<FieldDef['widget'], number>> = { text: 200, textarea: 2000, tel: 20, email: 254, 'postal-code': 8 };

export function fieldSchema(field: FieldDef): JsonSchema {
  const annotations = { title: field.label.ja };
  switch (field.widget) {
    case 'date':
      return { ...annotations, type: 'string', format: 'date' };
    case 'select':
    case 'radio':
      return { ...annotations, type: 'string', enum: (field.options ?? []).map((o) => o.value) };
    case 'checkbox':
      if (field.options && field.options.length > 0) {
        return { ...annotations, type: 'array', items: { type: 'string', enum: field.options.map((o) => o.value) }, uniqueItems: true };
      }
      // One box to tick (同意する): when required, only a tick answers it.
      return { ...annotations, type: 'boolean', ...(field.required ? { enum: [true] } : {}) };
    case 'yes-no':
      return { ...annotations, type: 'boolean' };
    case 'number':
      return {
        ...annotations,
        type: field.integer ? 'integer' : 'number',
        ...(field.minimum === undefined ? {} : { minimum: field.minimum }),
        ...(field.maximum === undefined ? {} : { maximum: field.maximum }),
      };
    default: {
      const fallback = field.widget === 'tel' || field.widget === 'postal-code' ? DEFAULT_PATTERNS[field.widget].pattern : undefined;
      const pattern = field.pattern ?? fallback;
      return {
        ...annotations,
        type: 'string',
        ...(field.widget === 'email' ? { format: 'email' } : {}),
        ...(field.minLength === undefined ? {} : { minLength: field.minLength }),
        maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH[field.widget] ?? 200,
        ...(pattern ? { pattern } : {}),
      };
    }
  }
}

/** The schema that holds exactly when the condition does (absent values never match). */
export function conditionSchema(condition: Condition): JsonSchema {
  const leaf: JsonSchema =
    'equals' in condition
      ? { const: condition.equals }
      : 'in' in condition
        ? { enum: condition.in }
        : 'includes' in condition
          ? { type: 'array', contains: { const: condition.includes } }
          : { not: { enum: FALSY_VALUES } };
  return nestRequired(condition.field.split('.'), leaf);
}

function nestRequired(keys: string[], leaf: JsonSchema): JsonSchema {
  const [head, ...rest] = keys;
  return { required: [head], properties: { [head!]: rest.length === 0 ? leaf : nestRequired(rest, leaf) } };
}

/** A schema requiring every path (`a.b`, `a.c`, `d`) of an object. */
function requiredPaths(paths: string[]): JsonSchema {
  const direct = new Set<string>();
  const nested = new Map<string, string[]>();
  for (const path of paths) {
    const dot = path.indexOf('.');
    if (dot < 0) direct.add(path);
    else {
      const head = path.slice(0, dot);
      direct.add(head);
      nested.set(head, [...(nested.get(head) ?? []), path.slice(dot + 1)]);
    }
  }
  return {
    required: [...direct],
    ...(nested.size > 0 ? { properties: Object.fromEntries([...nested].map(([k, v]) => [k, requiredPaths(v)])) } : {}),
  };
}

interface ObjectNode {
  properties: Map<string, ObjectNode | JsonSchema>;
  required: Set<string>;
}

function isNode(value: ObjectNode | JsonSchema): value is ObjectNode {
  return value.properties instanceof Map;
}

function newNode(): ObjectNode {
  return { properties: new Map(), required: new Set() };
}

function nodeAt(root: ObjectNode, keys: string[]): ObjectNode {
  let node = root;
  for (const key of keys) {
    const next = node.properties.get(key);
    if (next && isNode(next)) node = next;
    else {
      const made = newNode();
      node.properties.set(key, made);
      node = made;
    }
  }
  return node;
}

function toSchema(node: ObjectNode): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries([...node.properties].map(([k, v]) => [k, isNode(v) ? toSchema(v) : v])),
    ...(node.required.size > 0 ? { required: [...node.required] } : {}),
    additionalProperties: false,
  };
}

/** Adds `allOf: [{ if, then }]` for requirements that depend on conditions. */
function withConditional(schema: JsonSchema, buckets: Map<string, { conditions: Condition[]; paths: string[] }>): JsonSchema {
  if (buckets.size === 0) return schema;
  return {
    ...schema,
    allOf: [...buckets.values()].map(({ conditions, paths }) => ({
      if: conditions.length === 1 ? conditionSchema(conditions[0]!) : { allOf: conditions.map(conditionSchema) },
      then: requiredPaths(paths),
    })),
  };
}

function addRequirement(buckets: Map<string, { conditions: Condition[]; paths: string[] }>, conditions: Condition[], path: string): void {
  const key = JSON.stringify(conditions);
  const bucket = buckets.get(key) ?? { conditions, paths: [] };
  bucket.paths.push(path);
  buckets.set(key, bucket);
}

function rowSchema(group: GroupDef): JsonSchema {
  const node = newNode();
  const buckets = new Map<string, { conditions: Condition[]; paths: string[] }>();
  for (const field of group.fields) {
    node.properties.set(field.id, fieldSchema(field));
    if (!field.required) continue;
    if (field.when) addRequirement(buckets, [field.when], field.id);
    else node.required.add(field.id);
  }
  return withConditional(toSchema(node), buckets);
}

function groupSchema(group: GroupDef): JsonSchema {
  return {
    title: group.label.ja,
    type: 'array',
    items: rowSchema(group),
    ...(group.minItems ? { minItems: group.minItems } : {}),
    ...(group.maxItems ? { maxItems: group.maxItems } : {}),
  };
}

export function schemaOfLayout(layout: FormLayout): JsonSchema {
  const root = newNode();
  const buckets = new Map<string, { conditions: Condition[]; paths: string[] }>();
  for (const { section, item, path } of placedItems(layout)) {
    const keys = path.split('.');
    const parent = nodeAt(root, keys.slice(0, -1));
    parent.properties.set(item.id, isGroup(item) ? groupSchema(item) : fieldSchema(item));
    const isRequired = isGroup(item) ? (item.minItems ?? 0) > 0 : Boolean(item.required);
    if (!isRequired) continue;
    const conditions = [section.when, item.when].filter((c): c is Condition => c !== undefined);
    if (conditions.length > 0) addRequirement(buckets, conditions, path);
    else {
      // Unconditional: required all the way down from the root.
      let node = root;
      for (const key of keys) {
        node.required.add(key);
        const next = node.properties.get(key);
        if (!next || !isNode(next)) break;
        node = next;
      }
    }
  }
  return { $schema: SCHEMA_DIALECT, ...withConditional(toSchema(root), buckets) };
}
