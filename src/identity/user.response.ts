import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Role, ROLES } from '../common/principal.js';

/** The answer shapes of users, filled by the users service's views. */

export class MeResponse {
  @ApiProperty({ description: 'The user id ("admin-token" for the ADMIN_TOKEN)', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'Coördinator Amsterdam' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'coordinator' }) role: Role;
  @ApiProperty({ description: 'Regions a coordinator plans for or a partner serves; empty for other roles', example: ['AMS'], type: [String] })
  regionCodes: string[];
  @ApiProperty({ description: "An insurer's UZOVI code, else null", example: null, nullable: true, type: String }) insurerUzovi: string | null;
  @ApiProperty({ description: "A nurse user's nurse record, else null", example: null, nullable: true, type: String }) nurseId: string | null;
  @ApiPropertyOptional({
    description: 'Only when signed in by session cookie: the value to send in the X-CSRF-Token header with every request other than GET and HEAD',
    example: 'p0Vb3m0l9r5bq3m1rA1V8w2m2Y1c1lQ0m4Jm5v8h2aE',
  })
  csrfToken?: string;
}

export class UserResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'Coördinator Amsterdam' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'coordinator' }) role: Role;
  @ApiPropertyOptional({ description: 'Only for a coordinator or a partner: its regions', example: ['AMS'], type: [String] }) regionCodes?: string[];
  @ApiPropertyOptional({ description: 'Only for an insurer: its UZOVI code', example: '3311' }) insurerUzovi?: string;
  @ApiPropertyOptional({ description: 'Only for a nurse: its nurse record', example: '01930f2e-…' }) nurseId?: string;
  @ApiPropertyOptional({ description: 'The e-mail address it signs in with (lower-cased); absent when none is set', example: 'coordinator@zorggroep.nl' })
  email?: string;
  @ApiProperty({ description: 'Its token and sessions are revoked', example: false }) revoked: boolean;
}

export class CreatedUserResponse {
  @ApiProperty({ description: 'Opaque id', example: '01930f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ example: 'Coördinator Amsterdam' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'coordinator' }) role: Role;
  @ApiPropertyOptional({ description: 'The e-mail address it signs in with, when one was given', example: 'coordinator@zorggroep.nl' }) email?: string;
  @ApiProperty({ description: 'The bearer token: shown once, stored only as a SHA-256 digest', example: 'wZ3…' }) token: string;
}

export class IdentityLinkResponse {
  @ApiProperty({ description: 'Opaque id', example: '019a4f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({ description: 'The identity provider’s name in OIDC_PROVIDERS', example: 'entra' }) provider: string;
  @ApiProperty({ description: 'The issuer of the ID token that made the link', example: 'https://login.microsoftonline.com/0000/v2.0' }) issuer: string;
  @ApiProperty({ description: 'The subject (`sub`): the provider’s own identifier of the person', example: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ' })
  subject: string;
  @ApiProperty({ description: 'When the link was made: the first sign-in through that provider', example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ description: 'The last sign-in through it', example: '2026-11-24T08:15:00+01:00' }) lastSignInAt: string;
}
