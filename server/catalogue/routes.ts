import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wireDocumentSchema } from '../../shared/sync/contract';
import { requireProvince } from '../devices/auth';
import { fail } from '../http/reply';
import { collectionOf } from '../http/request';
import type { CatalogueStore } from './store';

export interface CatalogueRoutesOptions {
  catalogue: CatalogueStore;
}

/** PUT /admin/catalogue/:collection: a province admin writes catalogue documents. */
export async function catalogueRoutes(app: FastifyInstance, opts: CatalogueRoutesOptions): Promise<void> {
  const { catalogue } = opts;

  app.put('/admin/catalogue/:collection', async (req, reply) => {
    const admin = requireProvince(req, reply);
    if (!admin) return reply;
    const collection = collectionOf(req, reply);
    if (!collection) return reply;
    const parsed = z.object({ documents: z.array(wireDocumentSchema).max(5000) }).safeParse(req.body);
    if (!parsed.success) return fail(reply, 400, 'bad_request', z.prettifyError(parsed.error));
    return catalogue.upsertCatalogue(collection, parsed.data.documents, admin.id);
  });
}
