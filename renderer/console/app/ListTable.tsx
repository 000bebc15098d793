import { Table, type TableProps } from 'antd';

/**
 * A console list: keyed by `id`, compact and unpaged, each row marked with `rowTestId` and its id
 * (`data-testid`, `data-id`) for the end-to-end pages.
 */
export function ListTable<T extends { id: string }>({
  rowTestId,
  ...props
}: TableProps<T> & { rowTestId: string }) {
  return (
    <Table<T>
      rowKey="id"
      size="small"
      pagination={false}
      onRow={(row) => ({ 'data-testid': rowTestId, 'data-id': row.id }) as object}
      {...props}
    />
  );
}
