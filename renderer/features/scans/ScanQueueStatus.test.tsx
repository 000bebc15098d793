import 'fake-indexeddb/auto';
import { BehaviorSubject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { staticMarkup } from '../../../tests/support/static-markup';
import { ScanHost } from './host';
import { ScanQueueStatus } from './ScanQueueStatus';

const markup = staticMarkup();

const hosts: ScanHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** A counter's scans with an empty queue, its replication all sent, capped by `cap` (IT's setting). */
async function connectedHost(cap: number | null, name: string): Promise<ScanHost> {
  const host = new ScanHost(() => Promise.resolve(cap));
  hosts.push(host);
  await host.open('data-key-queue-status', name);
  const sync = { state$: new BehaviorSubject({ pending: 0, online: true }) };
  host.connect({ serverUrl: 'http://127.0.0.1:9', token: 'unused' }, sync);
  await host.uploader!.idle();
  // The cap is read from the provisioning status asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return host;
}

const render = (host: ScanHost) => markup(<ScanQueueStatus host={host} />);

describe("sync panel's scans card", () => {
  it('shows the upload rate cap IT staff set, in kbit/s as they set it', async () => {
    const capped = render(await connectedHost((128 * 1000) / 8, 'queue-status-capped'));
    expect(capped).toContain('Không có tệp chờ gửi');
    expect(capped).toContain('Giới hạn tốc độ gửi (do bộ phận CNTT đặt): 128 kbit/s');
    const free = render(await connectedHost(null, 'queue-status-free'));
    expect(free).toContain('Không có tệp chờ gửi');
    expect(free).not.toContain('Giới hạn tốc độ gửi');
  });
});
