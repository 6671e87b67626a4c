import { ApiProperty } from '@nestjs/swagger';

export class PushKeyResponse {
  @ApiProperty({
    description: "The service's VAPID public key (base64url): the browser's applicationServerKey for pushManager.subscribe",
    example: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
  })
  publicKey: string;
}

export class PushSubscriptionCreatedResponse {
  @ApiProperty({ description: 'Opaque id of the subscription', example: '0193…' }) id: string;
}

export class PushSubscriptionResponse {
  @ApiProperty({ description: 'Opaque id', example: '0193…' }) id: string;
  @ApiProperty({ description: "The push service's host (the endpoint itself is a key and is not shown again)", example: 'fcm.googleapis.com' })
  pushService: string;
  @ApiProperty({ description: 'Whether it was made in the session of this request', example: true }) current: boolean;
  @ApiProperty({ description: 'When it was made (Europe/Amsterdam offset)', example: '2026-11-23T10:00:00+01:00' }) createdAt: string;
}
