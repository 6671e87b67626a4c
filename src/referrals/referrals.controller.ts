import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { CloseReferralDto, CreateReferralDto, DeclineReferralDto, ListReferralsQuery, OfferReferralDto, ReferralStatsQuery } from './dto/referral.dto.js';
import { ReferralResponse, ReferralStatsResponse } from './referral.response.js';
import { ReferralsService } from './referrals.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiErrors()
@Controller('api/referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @ApiOperation({
    summary:
      'Refer a client to district nursing (a partner in its regions, a coordinator of the region, admin): the first-ranked provider with room is offered it at once, or, with nobody to offer it to, the desk is paged (status escalated)',
    description:
      'No client data: the PC4, care kinds, urgency, start and the referrer’s own reference; unknown fields → 400. A region outside the caller’s → 403; an unknown region → 422 unknown-reference; startOn before today in the region → 422 start-in-past. Matching: a provider with an intake line in the region covering the PC4 for every kind asked, places > 0, not grey, not offered before; primary first, then most places (the fewest over the kinds), then the fewest referrals accepted in the region in 30 days, then the AGB. skipped names every other provider of the region with its first reason. The offered provider’s webhook (pagingWebhookUrl) receives the offer, signed as pages are (event referral.offered, Idempotency-Key the offer’s id).',
  })
  @ApiCreatedResponse({ type: ReferralResponse })
  @Post()
  @Roles('partner', 'coordinator')
  create(@CurrentPrincipal() who: Principal, @Body() dto: CreateReferralDto) {
    return this.referrals.create(who, dto);
  }

  @ApiOperation({
    summary: 'Referrals in scope, newest first, at most 1000 (a partner its own, a provider those offered to it, a coordinator its regions, admin all)',
    description: 'A provider reads only its own offers of each, not the other providers, and the referrer’s phone only once placed with it.',
  })
  @ApiOkResponse({ type: [ReferralResponse] })
  @Get()
  @Roles('partner', 'provider', 'coordinator')
  list(@CurrentPrincipal() who: Principal, @Query() q: ListReferralsQuery) {
    return this.referrals.list(who, q);
  }

  @ApiOperation({
    summary: "Figures of the region's referrals created in a local month (coordinator of the region, the region's preferred insurer, admin)",
    description:
      "Minutes to placement are rounded half up to whole minutes; median and p90 by nearest rank. placedWithinNormPct counts the referrals placed within the region’s placementNormMinutes for their urgency (exactly the norm is within) over those whose norm is decided (leaving out those still open before the norm passed, and those cancelled or closed as no-longer-needed before it passed; placed-outside counts as missed). offersPerPlacement: the placed referrals’ offers divided by their number. declines and timeouts count every offer of the month’s referrals. capacityGreenPct: per care kind, the share of the month so far in which every PC4 that any line of the kind covered had a non-grey line with places > 0, measured to the millisecond from the history of every change of the lines. 403 for a region outside the caller's scope (a coordinator of other regions, an insurer that is not the region's preferred insurer; an unknown region reads the same to them); 404 for an unknown region asked by an admin.",
  })
  @ApiOkResponse({ type: ReferralStatsResponse })
  @Get('stats')
  @Roles('coordinator', 'insurer')
  stats(@CurrentPrincipal() who: Principal, @Query() q: ReferralStatsQuery) {
    return this.referrals.stats(who, q);
  }

  @ApiOperation({ summary: 'One referral (its referrer, a provider offered it, a coordinator of the region, a nurse paged for it, admin)' })
  @ApiOkResponse({ type: ReferralResponse })
  @Get(':id')
  @Roles('partner', 'provider', 'coordinator', 'nurse')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.referrals.get(who, id);
  }

  @ApiOperation({
    summary: 'Accept the offer (a provider user of the offered provider, admin): placed, and one place is taken from each line it matched on',
    description:
      'The referrer now calls placedWith.intakePhone or sends the transfer there. An offer no longer open to this provider (answered, timed out, withdrawn, the referral cancelled or closed) → 409 offer-closed; an answer at or after respondBy is late. A provider never offered it → 404.',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @Post(':id/accept')
  @HttpCode(200)
  @Roles('provider')
  accept(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.referrals.accept(who, id);
  }

  @ApiOperation({
    summary: 'Decline the offer with a reason (a provider user of the offered provider, admin): the next provider is offered at once',
    description: 'With nobody left the referral is escalated and the desk paged. An offer no longer open to this provider → 409 offer-closed.',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @Post(':id/decline')
  @HttpCode(200)
  @Roles('provider')
  decline(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: DeclineReferralDto) {
    return this.referrals.decline(who, id, dto);
  }

  @ApiOperation({
    summary: 'Offer by hand (a coordinator of the region, admin): any provider with an intake line in the region, whatever its light, while not placed',
    description:
      'The open offer, if any, is withdrawn. Placed, closed or cancelled → 409 referral-closed; a provider offered it before → 409 already-offered (a provider is offered a referral once); an unknown provider → 422 unknown-reference; one without a line in the region → 422 provider-not-in-region. The offer has the usual answer time; without an answer the ranking goes on with the next provider, and with nobody left it is back at the desk (escalated; the desk is paged only the first time).',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @Post(':id/offer')
  @HttpCode(200)
  @Roles('coordinator')
  offer(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: OfferReferralDto) {
    return this.referrals.offerByHand(who, id, dto);
  }

  @ApiOperation({
    summary: 'Close (a coordinator of the region, admin): placed outside Wijkwacht, or no longer needed; the open offer is withdrawn',
    description: 'Placed, closed or cancelled → 409 referral-closed.',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @Post(':id/close')
  @HttpCode(200)
  @Roles('coordinator')
  close(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CloseReferralDto) {
    return this.referrals.close(who, id, dto);
  }

  @ApiOperation({
    summary: 'Cancel (whoever made it, admin): the open offer is withdrawn',
    description: 'Placed, closed or cancelled → 409 referral-closed; a coordinator of the region who did not make it closes it instead (403 here).',
  })
  @ApiOkResponse({ type: ReferralResponse })
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('partner', 'coordinator')
  cancel(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.referrals.cancel(who, id);
  }
}
