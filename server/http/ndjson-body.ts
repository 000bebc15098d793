/**
 * Request bodies in NDJSON (shared/sync/ndjson.ts): a push of a few hundred documents is read line
 * by line, with the same protection against prototype poisoning as Fastify's JSON bodies.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { NDJSON_TYPE, parseNdjson } from '../../shared/sync/ndjson';

const parseLine = (text: string): unknown =>
  secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });

/** The values of an NDJSON body; a line that is not JSON throws a SyntaxError naming it. */
export function parseNdjsonBody(body: Buffer): unknown[] {
  return parseNdjson(body, (start, end) => body.toString('utf8', start, end), parseLine);
}

/**
 * JSON bodies read as Fastify reads them (secure-json-parse), answering 400 with what is wrong: a
 * `__proto__` or `constructor.prototype` key says so instead of "not valid JSON".
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(Object.assign(new Error('empty JSON body'), { statusCode: 400 }));
      return;
    }
    try {
      done(null, parseLine(text));
    } catch (err) {
      done(Object.assign(new Error(`invalid JSON body, ${(err as Error).message}`), { statusCode: 400 }));
    }
  });
}

/** Accept `application/x-ndjson` bodies (as an array of their values; 400 naming the bad line). */
export function registerNdjsonBodies(app: FastifyInstance): void {
  app.addContentTypeParser(NDJSON_TYPE, { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseNdjsonBody(body as Buffer));
    } catch (err) {
      done(Object.assign(new Error(`invalid NDJSON body, ${(err as Error).message}`), { statusCode: 400 }));
    }
  });
}
