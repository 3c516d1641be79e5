// The data table of the console's lists: in its sideways-scrolling box, named by its caption, with
// one row of column headings. The children are the body's rows.
import type { PropsWithChildren } from '@kitajs/html';
import type { Text } from '../platform/i18n.ts';
import { TableScroll } from './layout.tsx';
import type { PageContext } from './page.ts';

/** A column heading; a numeric column is aligned to the right (class `num`, on its cells too). */
export type Column = Text & { numeric?: boolean };

/** `columns`: `false` leaves a column out (one shown only to some readers). */
export function DataTable(props: PropsWithChildren<{ ctx: PageContext; id: string; caption: Text; columns: readonly (Column | false)[] }>): JSX.Element {
  const { ctx } = props;
  return (
    <TableScroll captionId={props.id}>
      <table>
        <caption id={props.id}>{ctx.h(props.caption)}</caption>
        <thead>
          <tr>
            {props.columns.map((column) =>
              column === false ? (
                ''
              ) : (
                <th scope="col" class={column.numeric ? 'num' : undefined}>
                  {ctx.h(column)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableScroll>
  );
}
