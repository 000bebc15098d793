import { Alert, Button, Card, Space, Table, Tag, message } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { XLSX_TYPE } from '../../../../shared/catalogue';
import type { Procedure, Sector } from '../../../../shared/domain';
import { getPlatform } from '../../../platform';
import { useCatalogueTranslation } from './i18n';
import { ImportPanel } from './ImportPanel';
import { ListingPanel } from './ListingPanel';
import { legalTimeVi } from './listing';
import { TransferProgressLine } from './progress';
import type { CatalogueService, TransferProgress } from './service';

export interface CataloguePageProps {
  service: CatalogueService;
  /** False for an office's admin: the catalogue is the province's, they may read and print it. */
  canEdit?: boolean;
}

/**
 * The console's procedure catalogue: every procedure with its versions, export and import as an
 * Excel workbook (with a preview before writing), and the printable public listing of an office.
 */
export function CataloguePage({ service, canEdit = true }: CataloguePageProps) {
  const { t } = useCatalogueTranslation();
  const [catalogue, setCatalogue] = useState<{ procedures: Procedure[]; sectors: Sector[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [exportProgress, setExportProgress] = useState<TransferProgress | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(() => {
    service
      .listProcedures()
      .then(setCatalogue, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [service]);
  useEffect(load, [load]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { bytes, fileName } = await service.exportWorkbook(setExportProgress);
      const saved = await getPlatform().saveFile({
        suggestedName: fileName,
        data: bytes,
        mimeType: XLSX_TYPE,
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      });
      if (saved.saved) void message.success(t('catalogue.exported', { name: saved.fileName }));
      else if (saved.reason === 'browser_download') void message.info(t('catalogue.downloaded'));
    } catch (e) {
      void message.error(t('catalogue.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setExporting(false);
      setExportProgress(null);
    }
  };

  const sorted = useMemo(
    () => [...(catalogue?.procedures ?? [])].sort((a, b) => a.code.localeCompare(b.code)),
    [catalogue],
  );
  const sectorName = (id: string) => catalogue?.sectors.find((s) => s.id === id)?.name ?? id;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="catalogue-page">
      <Card
        title={t('catalogue.title')}
        extra={
          <Space>
            <Button onClick={() => void exportXlsx()} loading={exporting} data-testid="catalogue-export">
              {t('catalogue.export')}
            </Button>
            {canEdit && (
              <Button type="primary" onClick={() => setImporting(true)} data-testid="catalogue-import-open">
                {t('catalogue.import')}
              </Button>
            )}
          </Space>
        }
      >
        <TransferProgressLine progress={exportProgress} />
        {error && <Alert type="error" showIcon title={t('catalogue.error', { message: error })} />}
        <Table
          size="small"
          rowKey="id"
          loading={!catalogue && !error}
          dataSource={sorted}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="catalogue-table"
          columns={[
            {
              title: t('catalogue.columns.code'),
              dataIndex: 'code',
              width: 110,
              sorter: (a, b) => a.code.localeCompare(b.code),
            },
            { title: t('catalogue.columns.name'), dataIndex: 'name' },
            { title: t('catalogue.columns.sector'), render: (_, p) => sectorName(p.sectorId), width: 160 },
            {
              title: t('catalogue.columns.legalTime'),
              render: (_, p) => legalTimeVi(p.legalTime),
              width: 140,
            },
            { title: t('catalogue.columns.fees'), render: (_, p) => p.fees.length, width: 90 },
            {
              title: t('catalogue.columns.documents'),
              render: (_, p) => p.requiredDocuments.length,
              width: 90,
            },
            {
              title: t('catalogue.columns.versions'),
              width: 180,
              render: (_, p) =>
                (p.versions ?? []).map((v) => (
                  <Tag
                    key={v.version}
                  >{`v${v.version} ${v.effectiveFrom.split('-').reverse().join('/')}`}</Tag>
                )),
            },
            {
              title: t('catalogue.columns.active'),
              width: 80,
              render: (_, p) => (p.active ? t('catalogue.yes') : t('catalogue.no')),
            },
          ]}
        />
      </Card>
      <ListingPanel service={service} />
      {canEdit && (
        <ImportPanel
          service={service}
          open={importing}
          onClose={(changed) => {
            setImporting(false);
            if (changed) load();
          }}
        />
      )}
    </Space>
  );
}
