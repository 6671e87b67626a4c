import { ApiProperty } from '@nestjs/swagger';

/** The answers of signing in: the providers and a one-time link. */

export class SignInProviderResponse {
  @ApiProperty({ description: 'Used in /auth/login/{name}', example: 'entra' }) name: string;
  @ApiProperty({ description: 'Shown on the sign-in button', example: 'Zorggroep Amstel (Microsoft)' }) label: string;
}

export class SignInLinkResponse {
  @ApiProperty({
    description: 'Open on the phone (or show as a QR code); shown once',
    example: 'https://wijkwacht.example.nl/auth/link/Jx3x9k2W0n1c8P6r5T4q7Y2m1B0v9Z8a7S6d5F4g3H2',
  })
  url: string;
  @ApiProperty({ description: '15 minutes after creation', example: '2026-11-23T10:15:00+01:00' }) expiresAt: string;
}

export class SessionStateResponse {
  @ApiProperty({ description: 'Whether the request carries the cookie of a live session (then GET /api/me answers the person)', example: false })
  signedIn: boolean;
}

export class SignOutResponse {
  @ApiProperty({
    description:
      'Where the browser goes next: the identity provider’s end-session address (RP-initiated logout, so the provider signs the person out too), or `/` when the session did not sign in through a provider that offers one',
    example:
      'https://sso.zorggroep.nl/realms/zorg/protocol/openid-connect/logout?id_token_hint=eyJ…&post_logout_redirect_uri=https%3A%2F%2Fwijkwacht.zorggroep.nl%2F&client_id=wijkwacht',
  })
  redirectTo: string;
}
