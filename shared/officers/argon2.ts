import { argon2id } from 'hash-wasm';
import type { Argon2id } from './credentials';

/**
 * argon2id from hash-wasm (a maintained WebAssembly build that runs the same in the renderer and in
 * Node), in the form the credentials and login checks take.
 */
export const argon2: Argon2id = ({ password, salt, params, hashLength }) =>
  argon2id({
    password,
    salt,
    parallelism: params.parallelism,
    iterations: params.iterations,
    memorySize: params.memoryKiB,
    hashLength,
    outputType: 'binary',
  });
