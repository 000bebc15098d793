import type { LoginVerifier } from '../domain';

/**
 * argon2id verifiers (64 MiB, 3 passes: the production parameters) of the demo password 'demo1234',
 * computed once so a first run does not spend seconds hashing; tests/unit/db/demo.test.ts checks
 * that each one accepts the documented password. Real officers' verifiers come from provisioning.
 */
export const DEMO_VERIFIERS: Record<string, LoginVerifier> = {
  tiepnhan: {
    algorithm: 'argon2id',
    saltB64: 'oSKkoIjJOfoNDgPuKaN+Xg==',
    hashB64: 'FSL/fF7A52p4yKWZTY9EjZn9+E84VHmkxDxeOm0IxPI=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  thamdinh: {
    algorithm: 'argon2id',
    saltB64: '+eoCRdCb8TZgVar26XUpYQ==',
    hashB64: 'Vp4D20rWzEHQJlIF7iOI//kboWqTo+eVxUGnnzf+iBE=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  lanhdao: {
    algorithm: 'argon2id',
    saltB64: 'sfgahyBtfNB/g1mMQrO52Q==',
    hashB64: 'DOWWkRn3/yrVjLLNHb9UlZ7qdPFODnUY5rpWBmSAmSk=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  dongdau: {
    algorithm: 'argon2id',
    saltB64: 'NeL4C6rhAeZKqtHtoKtwCg==',
    hashB64: 'bsPHJ8bqThM7t/Zm6cgwvQDE3GSOe4+qlU2IjevtPFs=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  giamsat: {
    algorithm: 'argon2id',
    saltB64: 'DnmgqNZiykBPSSXtbKYkXA==',
    hashB64: 'sdXxd5g2ZmT5JZYw07lMKGqUzYIhmdsGNM8J9amQ8PA=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  quantri: {
    algorithm: 'argon2id',
    saltB64: 'wyXjWV72IoHexrmfaZDfSQ==',
    hashB64: 'ABGUHCrB6qb01g2oqHfXNYniYhBpT8TYtqpmhfKpW2A=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
  motcua: {
    algorithm: 'argon2id',
    saltB64: 'ZRlh7aTwpr0pQEDW5KlUEQ==',
    hashB64: 'ppsc7cLjuq8U9JVoRyGVpsMte9A/LMbqf/8pOBUPmRs=',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
  },
};
