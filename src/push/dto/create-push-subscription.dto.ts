import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class PushKeysDto {
  @ApiProperty({
    description: "The browser's P-256 public key (PushSubscription.getKey('p256dh')), base64url: 65 bytes",
    example: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{86,88}={0,2}$/, { message: 'keys.p256dh must be the base64url P-256 public key of the subscription (65 bytes)' })
  p256dh: string;
  @ApiProperty({ description: "The subscription's authentication secret (getKey('auth')), base64url: 16 bytes", example: 'tBHItJI5svbpez7KI4CCXg' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22}(==)?$/, { message: 'keys.auth must be the base64url authentication secret of the subscription (16 bytes)' })
  auth: string;
}

/** A browser's PushSubscription, as `subscription.toJSON()` gives it (without expirationTime). */
export class CreatePushSubscriptionDto {
  @ApiProperty({
    description: 'Where the push service takes messages for this browser: https (or http to a loopback address), at most 2000 characters',
    example: 'https://fcm.googleapis.com/fcm/send/dpH5lCsTSSM:APA91bH…',
  })
  @IsString()
  @MaxLength(2000)
  endpoint: string;
  @ApiProperty({ type: PushKeysDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PushKeysDto)
  keys: PushKeysDto;
}
