import { ApiProperty } from '@nestjs/swagger';

/** A person's session as GET /api/me/sessions lists it. */

export class SessionResponse {
  @ApiProperty({ example: '019a4f2e-7c1a-7b55-9d1e-3f2a9c8b1d00' }) id: string;
  @ApiProperty({
    enum: ['oidc', 'device'],
    description: 'oidc: signed in through an identity provider; device: a phone signed in with a one-time link',
    example: 'oidc',
  })
  kind: 'oidc' | 'device';
  @ApiProperty({ example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
  @ApiProperty({ description: 'Recorded to the minute', example: '2026-11-23T11:30:00+01:00' }) lastUsedAt: string;
  @ApiProperty({ description: 'When the session ends unless it is used again', example: '2026-11-23T23:30:00+01:00' }) expiresAt: string;
  @ApiProperty({
    description: 'The browser at sign-in, as it named itself',
    example: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)',
    nullable: true,
    type: String,
  })
  userAgent: string | null;
  @ApiProperty({ description: 'True for the session of this request', example: true }) current: boolean;
}
