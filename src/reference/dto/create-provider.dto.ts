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
      'Where pages of acute requests are POSTed (https; http only to localhost, 127.0.0.1 or ::1), or null to stop. Setting it issues a new signing secret, shown once in the answer as pagingWebhookSecret. Never to a link-local (169.254.0.0/16, fe80::/10) or cloud-metadata address, and to a private-network address (10/8, 172.16/12, 192.168/16, 100.64/10, 0.0.0.0/8, fc00::/7) only where the service runs with WEBHOOK_ALLOW_PRIVATE=true; IPv6 forms of an IPv4 address count as that address. An address in the URL, or one its name resolves to now, that the policy refuses → 422 rule webhook-address; a name that does not resolve now is accepted. Every delivery checks again what the name resolves to then, and connects only to a checked address.',
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
