// Statements for hot paths: a tagged template like Kysely's `sql`, for texts with plain values
// only, that skips building and compiling a query tree. The text with its $1…$n placeholders is
// made once per call site (the template's strings are the same object on every call), so a
// request pays only for collecting its values. Run with `executor.executeQuery(statement)`.
import { CompiledQuery } from 'kysely';

const texts = new WeakMap<TemplateStringsArray, string>();

function textOf(strings: TemplateStringsArray): string {
  let text = texts.get(strings);
  if (text === undefined) {
    text = strings.reduce((out, part, i) => (i === 0 ? part : `${out}$${i}${part}`), '');
    texts.set(strings, text);
  }
  return text;
}

/** `statement<Row>`SELECT … WHERE id = ${id}`` — every interpolation is one parameter. */
export function statement<R>(strings: TemplateStringsArray, ...values: unknown[]): CompiledQuery<R> {
  return CompiledQuery.raw(textOf(strings), values) as CompiledQuery<R>;
}
