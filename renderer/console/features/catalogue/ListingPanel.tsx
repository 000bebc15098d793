import { Button, Card, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Office } from '../../../../shared/domain';
import { printHtml } from '../../../features/printing/service';
import { useCatalogueTranslation } from './i18n';
import { publicListingHtml } from './listing';
import type { CatalogueService } from './service';

/** The public listing of one office: chosen, previewed in a frame, printed on A4. */
export function ListingPanel({ service }: { service: CatalogueService }) {
  const { t } = useCatalogueTranslation();
  const [offices, setOffices] = useState<Office[]>([]);
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [page, setPage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    service.listOffices().then(
      (list) => {
        if (!live) return;
        setOffices(list);
        setOfficeId((current) => current ?? list[0]?.id ?? null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [service]);

  const show = async () => {
    if (!officeId) return;
    try {
      setError(null);
      setPage(publicListingHtml(await service.publicListing(officeId, date.format('YYYY-MM-DD'))));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card size="small" title={t('catalogue.listing.title')} data-testid="catalogue-listing">
      <Space wrap>
        <Select
          style={{ minWidth: 280 }}
          aria-label={t('catalogue.listing.office')}
          value={officeId}
          onChange={setOfficeId}
          options={offices.map((o) => ({ value: o.id, label: `${o.name} (${o.agencyCode})` }))}
        />
        <DatePicker
          aria-label={t('catalogue.listing.date')}
          value={date}
          format="DD/MM/YYYY"
          allowClear={false}
          onChange={(d) => d && setDate(d)}
        />
        <Button onClick={() => void show()} disabled={!officeId} data-testid="listing-show">
          {t('catalogue.listing.show')}
        </Button>
        <Button
          type="primary"
          disabled={!page}
          onClick={() => page && void printHtml('public-listing', page, { pageSize: 'A4' })}
          data-testid="listing-print"
        >
          {t('catalogue.listing.print')}
        </Button>
      </Space>
      {error && <div role="alert">{t('catalogue.error', { message: error })}</div>}
      {page && (
        <iframe
          title={t('catalogue.listing.frame')}
          sandbox=""
          srcDoc={page}
          style={{ width: '100%', height: 600, border: '1px solid #ddd', marginTop: 12, background: '#fff' }}
        />
      )}
    </Card>
  );
}
