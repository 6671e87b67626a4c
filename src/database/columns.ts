import { ValueTransformer } from 'typeorm';

/** PostgreSQL returns bigint as a string; epoch milliseconds fit a JS number exactly. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
