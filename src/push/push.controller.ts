import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import type { RequestSession } from '../identity/sessions.service.js';
import { CreatePushSubscriptionDto } from './dto/create-push-subscription.dto.js';
import { PushKeyResponse, PushSubscriptionCreatedResponse, PushSubscriptionResponse } from './push.response.js';
import { PushService } from './push.service.js';

@ApiTags('reaching the phone')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors()
@Controller('api')
export class PushController {
  constructor(private readonly push: PushService) {}

  @ApiOperation({
    summary: "The service's VAPID public key, for pushManager.subscribe (any authenticated caller)",
    description: 'Without VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY push is off and this answers 404.',
  })
  @ApiOkResponse({ type: PushKeyResponse })
  @Get('push/key')
  key() {
    return this.push.key();
  }

  @ApiOperation({
    summary: "Store this browser's push subscription (nurse): every page of the nurse is then pushed to it",
    description:
      'The endpoint must be https (or http to a loopback address) and is held to the webhook address policy (422 webhook-address otherwise). A user keeps at most 5: a sixth removes the oldest; the same endpoint again replaces its old record. The subscription belongs to the session it was made in: signing out of that session, ending it, or revoking the user removes it. Push off (no VAPID keys) → 404. Pushed: `{"type":"page","requestId","pageId","function","urgency","postcode","step"}`, encrypted (aes128gcm), TTL the contract\'s ackMinutes × 60, Urgency high; no callback phone, no partner reference.',
  })
  @ApiCreatedResponse({ type: PushSubscriptionCreatedResponse })
  @Roles('nurse')
  @Post('me/push-subscriptions')
  subscribe(@CurrentPrincipal() who: Principal, @Req() req: { signInSession?: RequestSession }, @Body() dto: CreatePushSubscriptionDto) {
    return this.push.subscribe(who, req.signInSession, dto);
  }

  @ApiOperation({ summary: "The caller's push subscriptions, newest first (nurse)" })
  @ApiOkResponse({ type: [PushSubscriptionResponse] })
  @Roles('nurse')
  @Get('me/push-subscriptions')
  list(@CurrentPrincipal() who: Principal, @Req() req: { signInSession?: RequestSession }) {
    return this.push.list(who, req.signInSession);
  }

  @ApiOperation({ summary: 'Remove one of the caller’s push subscriptions (nurse); another user’s answers 404' })
  @ApiNoContentResponse({ description: 'Removed; pushes queued for it do not go' })
  @Roles('nurse')
  @Delete('me/push-subscriptions/:id')
  @HttpCode(204)
  async remove(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<void> {
    await this.push.remove(who, id);
  }
}
