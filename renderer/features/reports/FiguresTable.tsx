import { Table } from 'antd';
import type { PeriodFigures } from '../../../shared/reports';
import { formatNumber } from '../../app/format';
import { percent } from './Index766Card';
import { useReportsTranslation } from './i18n';
import { FIGURE_COLUMNS } from './labels';

type FiguresRow = { key: string; name: string; figures: PeriodFigures };

/** The 06a table: one numbered row per office, sector, procedure or officer, then the total (counter and console). */
export function FiguresTable({
  rows,
  total,
  heading,
}: {
  rows: readonly FiguresRow[];
  total: PeriodFigures;
  /** The first column's title: what a row is. */
  heading: string;
}) {
  const { t } = useReportsTranslation();
  const numbered: (FiguresRow & { no: number | string })[] = [
    ...rows.map((r, i) => ({ ...r, no: i + 1 })),
    { key: '__total', name: t('reports.total'), figures: total, no: '' },
  ];
  return (
    <Table<(typeof numbered)[number]>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={numbered}
      scroll={{ x: 'max-content' }}
      data-testid="report-table"
      locale={{ emptyText: t('reports.empty') }}
      onRow={(r) => ({ 'data-row': r.key }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('reports.no'), dataIndex: 'no', width: 48, fixed: 'left' },
        { title: heading, dataIndex: 'name', fixed: 'left', width: 220 },
        ...FIGURE_COLUMNS.map((c) => ({
          key: c.key,
          title: t(`reports.columns.${c.key}`),
          width: 96,
          align: 'right' as const,
          render: (_: unknown, r: { figures: PeriodFigures }) => {
            const value = c.value(r.figures);
            return <span data-figure={c.key}>{c.percent ? percent(value) : formatNumber(value ?? 0)}</span>;
          },
        })),
      ]}
    />
  );
}
