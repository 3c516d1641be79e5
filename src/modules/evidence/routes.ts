// The evidence log's public JSON API (issue #12, point 3): no sign-in, since the log holds no
// personal data and anyone must be able to check it — residents, municipalities, witnesses.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponse as problem } from '../../platform/http/schemas.ts';
import type { EvidenceKeys } from './keys.ts';
import { listFacts, proveConsistency, proveInclusion } from './read-log.ts';
import { latestCheckpoint, listCheckpoints } from './repository/checkpoints.ts';
import { CheckpointList, CheckpointsQuery, ConsistencyProof, ConsistencyQuery, FactList, FactsQuery, InclusionProof, InclusionQuery, KeyList } from './schemas.ts';

const tags = ['evidence'];
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
// What a given size, leaf or range answers never changes: caches may keep it.
const IMMUTABLE = 'public, max-age=86400, immutable';

export const evidenceRoutes: FastifyPluginAsyncTypebox<{ db: Db; keys: EvidenceKeys }> = async (app, { db, keys }) => {
  app.get(
    '/api/v1/evidence/checkpoint',
    {
      schema: {
        tags,
        summary: 'The latest signed checkpoint (C2SP signed note: origin, tree size, root hash, time)',
        response: {
          200: { description: 'the signed note', content: { 'text/plain': { schema: Type.String() } } },
          404: problem,
        },
      },
    },
    async (_request, reply) => {
      const checkpoint = await latestCheckpoint(db.kysely);
      if (!checkpoint) {
        throw new AppError('evidence.no_checkpoint', 'not_found', 'No checkpoint has been signed yet: the log is empty.', {
          ja: 'まだチェックポイントがありません（ログは空です）。',
        });
      }
      return reply.header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send(checkpoint.note);
    },
  );

  app.get(
    '/api/v1/evidence/checkpoints',
    {
      schema: {
        tags,
        summary: 'Signed checkpoints from a tree size on, oldest first',
        querystring: CheckpointsQuery,
        response: { 200: CheckpointList, 400: problem },
      },
    },
    async (request) => {
      const { from = 0, limit = 100 } = request.query;
      const items = await listCheckpoints(db.kysely, from, limit);
      return { items: items.map((c) => ({ size: c.size, root: base64(c.root), time: c.time.toISOString().replace(/\.000Z$/, 'Z'), note: c.note })) };
    },
  );

  app.get(
    '/api/v1/evidence/proofs/inclusion',
    {
      schema: {
        tags,
        summary: 'Proof that a leaf is in the tree of a given size (RFC 9162 §2.1.3)',
        querystring: InclusionQuery,
        response: { 200: InclusionProof, 400: problem },
      },
    },
    async (request, reply) => {
      const { leaf, size } = request.query;
      const proof = await proveInclusion(db, leaf, size);
      reply.header('cache-control', IMMUTABLE);
      return { leafIndex: leaf, treeSize: size, proof: proof.map(base64) };
    },
  );

  app.get(
    '/api/v1/evidence/proofs/consistency',
    {
      schema: {
        tags,
        summary: 'Proof that the tree of one size is a prefix of the tree of a larger size (RFC 9162 §2.1.4)',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProof, 400: problem },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const proof = await proveConsistency(db, from, to);
      reply.header('cache-control', IMMUTABLE);
      return { from, to, proof: proof.map(base64) };
    },
  );

  app.get(
    '/api/v1/evidence/facts',
    {
      schema: {
        tags,
        summary: 'The facts of a range of leaves, for auditors and witnesses (no personal data: codes, ids and digests)',
        querystring: FactsQuery,
        response: { 200: FactList, 400: problem },
      },
    },
    async (request, reply) => {
      const { start, end } = request.query;
      const items = await listFacts(db, start, end);
      reply.header('cache-control', IMMUTABLE);
      return { items };
    },
  );

  app.get(
    '/api/v1/evidence/keys',
    {
      schema: {
        tags,
        summary: 'The log’s name and the verifier keys of its checkpoints, current and retired',
        response: { 200: KeyList },
      },
    },
    async () => ({ origin: keys.origin, keys: keys.published }),
  );
};
