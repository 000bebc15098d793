import { useMemo, useState } from 'react';
import { Button, Card, Flex, InputNumber, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/domain';
import { formatDateTime } from '../../app/format';
import { navigate } from '../../app/router';
import { useLive } from '../../app/useAsync';
import { StatusTag } from '../dossier/DossierTable';
import { registerNumbers } from '../printing';
import { useSession } from '../session/service';
import { useRegisterService } from './service';

/** The yearly register (sổ theo dõi, form 06): every dossier received, numbered from 01. */
export function RegisterScreen() {
  const { t } = useTranslation();
  const services = useRegisterService();
  const session = useSession();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const rows = useLive(() => services.register(year), [year]);
  // Numbered in the whole year as form 06 prints them, whichever page of the table shows the row.
  const numbers = useMemo(() => registerNumbers(rows.data ?? []), [rows.data]);
  return (
    <Card
      title={t('register.title')}
      data-testid="register-screen"
      extra={
        <Flex gap={8} align="center">
          {t('register.year')}
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
          <Button onClick={() => void services.print(year, session)} data-testid="print-06">
            {t('register.print')}
          </Button>
        </Flex>
      }
    >
      <Table<Dossier>
        size="small"
        rowKey="id"
        loading={rows.loading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        data-testid="register"
        onRow={(d) => ({
          onClick: () => navigate({ name: 'dossier', id: d.id }),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('register.col_no'), render: (_, d) => numbers.get(d.id) ?? '', width: 60 },
          { title: t('queue.col_code'), dataIndex: 'code' },
          { title: t('queue.col_procedure'), dataIndex: 'procedureName', ellipsis: true },
          { title: t('register.col_sets'), width: 60, render: () => 1 },
          { title: t('queue.col_applicant'), render: (_, d) => d.applicant.fullName },
          {
            title: t('register.col_contact'),
            render: (_, d) => [d.applicant.address, d.applicant.phone].filter(Boolean).join(' · '),
          },
          {
            title: t('queue.col_received'),
            dataIndex: 'receivedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('register.col_appointment'),
            dataIndex: 'dueAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('register.col_returned'),
            dataIndex: 'returnedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('queue.col_status'),
            dataIndex: 'status',
            render: (s: Dossier['status']) => <StatusTag status={s} />,
          },
        ]}
      />
    </Card>
  );
}
