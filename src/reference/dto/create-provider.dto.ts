import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, ValidateIf } from 'class-validator';
import { AGB, CodeField, TextField } from '../../common/validation.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `https`, or `http` to a loopback address only (a receiver on the same machine, e.g. in tests). */
export function isWebhookUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

export class CreateProviderDto {
  @CodeField({ description: 'AGB code of the provider: 8 digits', example: '75123456' }, AGB, '8 digits')
  agb: string;
  @TextField({ description: 'Name of the provider', example: 'Buurtzorg Amstel' })
  name: string;
}

export class UpdateProviderDto {
  @TextField({ description: 'Name of the provider', example: 'Buurtzorg Amstel', required: false })
  name?: string;
  @ApiPropertyOptional({
    description:
      'Where pages of acute requests are POSTed (https; http only to localhost, 127.0.0.1 or ::1), or null to stop. Setting it issues a new signing secret, shown once in the answer as pagingWebhookSecret.',
    example: 'https://planning.example.nl/wijkwacht/pages',
    nullable: true,
    type: String,
  })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @ValidateBy({
    name: 'isWebhookUrl',
    validator: { validate: isWebhookUrl, defaultMessage: () => 'pagingWebhookUrl must be an https URL (http only to a loopback address)' },
  })
  pagingWebhookUrl?: string | null;
}
