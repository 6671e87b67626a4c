import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The answer shapes of the reference data, filled by the reference service's views. */

export class InsurerResponse {
  @ApiProperty({ description: 'UZOVI code: 4 digits', example: '3311' }) uzovi: string;
  @ApiProperty({ description: 'Name of the insurer', example: 'Zilveren Kruis' }) name: string;
}

export class RegionResponse {
  @ApiProperty({ description: 'Region code', example: 'AMS' }) code: string;
  @ApiProperty({ description: 'Name of the region', example: 'Amsterdam-Amstelland' }) name: string;
  @ApiProperty({ description: 'Inhabitants, for per-inhabitant fees', example: 1_050_000 }) population: number;
  @ApiProperty({ description: 'UZOVI of the preferred insurer, the only one that may contract here', example: '3311' }) preferredInsurerUzovi: string;
  @ApiProperty({ description: "IANA time zone in which the region's dates and times are read", example: 'Europe/Amsterdam' }) timezone: string;
  @ApiProperty({ description: 'Whether an accepted shift offer is approved at once when the taker breaks no rule', example: false }) autoApproveOffers: boolean;
  @ApiProperty({
    description: "The phone number of the region's coordination desk in E.164, shown in the nurses' calendar feeds; null when not set",
    example: '+31201234567',
    nullable: true,
    type: String,
  })
  coordinatorPhone: string | null;
}

export class ProviderResponse {
  @ApiProperty({ description: 'AGB code of the provider: 8 digits', example: '75123456' }) agb: string;
  @ApiProperty({ description: 'Name of the provider', example: 'Buurtzorg Amstel' }) name: string;
  @ApiPropertyOptional({
    description:
      "Where the responsible party's pages of acute requests are POSTed, signed (null: no webhook). Present only for an admin and the provider's own users (its nurses); left out for everyone else.",
    example: 'https://planning.example.nl/wijkwacht/pages',
    nullable: true,
    type: String,
  })
  pagingWebhookUrl?: string | null;
  @ApiPropertyOptional({
    description: 'The HMAC-SHA256 key of the paging webhook: only in the answer of the PATCH that set the URL, never again',
    example: '4f9c…',
  })
  pagingWebhookSecret?: string;
}

export class ConsortiumResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-…' }) id: string;
  @ApiProperty({ description: 'Name of the consortium', example: 'Samenwerkende Thuiszorg Utrecht' }) name: string;
  @ApiProperty({ description: 'AGB of the lead provider', example: '75123456' }) leadAgb: string;
  @ApiProperty({ description: 'AGB codes of the member providers (the lead among them)', example: ['75123456', '75234567'], type: [String] })
  memberAgbs: string[];
}
