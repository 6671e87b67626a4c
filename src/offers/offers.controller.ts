import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { CreateOfferDto, ListOffersQuery } from './dto/offers.dto.js';
import { OfferAcceptResponse, OfferApproveResponse, OfferListEntryResponse, OfferResponse } from './offer.response.js';
import { OffersService } from './offers.service.js';

/** Shift offers: give-away and swap, from offer to approval. */
@ApiTags('planning aids')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @ApiOperation({ summary: 'Offer an assignment to a named colleague (swap) or to anyone who could take it (give-away)' })
  @ApiCreatedResponse({ type: OfferResponse, description: 'The offer, open' })
  @Post('assignments/:id/offers')
  @Roles('nurse', 'coordinator')
  createOffer(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateOfferDto) {
    return this.offers.create(who, id, dto.toNurseId);
  }

  @ApiOperation({
    summary:
      'Offers: a nurse sees those it made, took or was named in, and open offers to anyone for which it breaks no rule; a coordinator those in its regions',
    description:
      "Each entry is the offer record plus, for reading without further lookups, the shift (function, localDate, start, end in the region's offset) and the names of the nurses (fromNurseName, toNurseName, takerNurseName; null where no nurse is named yet).",
  })
  @ApiOkResponse({ type: [OfferListEntryResponse], description: 'Oldest first' })
  @Get('offers')
  @Roles('nurse', 'coordinator')
  listOffers(@CurrentPrincipal() who: Principal, @Query() q: ListOffersQuery) {
    return this.offers.list(who, q.status);
  }

  @ApiOperation({
    summary: 'Accept an offer (nurse); approved at once where the region auto-approves and the taker breaks no rule',
    description:
      "The taker is judged at once, as assigning her would judge her (the working-time rules count every record of her person; the offered duty and the giver's place count as free). An offer to anyone: 422 with every broken rule (overlap included) and nothing changes. An offer to her by name: accepted all the same, `violations` lists what she breaks, and the coordinator decides (approving refuses while she breaks a rule). A month closed by a final statement: 409 closed-month. The giver learns nothing of the taker's verdict from this.",
  })
  @ApiOkResponse({ type: OfferAcceptResponse, description: 'The offer, accepted (or approved at once), with the rules a named taker breaks' })
  @Post('offers/:id/accept')
  @HttpCode(200)
  @Roles('nurse')
  accept(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.offers.accept(who, id);
  }

  @ApiOperation({ summary: "Approve an accepted offer: the giver's assignment is cancelled and the taker gets one, in one transaction" })
  @ApiOkResponse({ type: OfferApproveResponse, description: "The offer, approved; newAssignmentId names the taker's assignment" })
  @Post('offers/:id/approve')
  @HttpCode(200)
  @Roles('coordinator')
  approve(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.offers.approve(who, id);
  }

  @ApiOperation({ summary: 'Reject an open or accepted offer (coordinator); the giver keeps the shift' })
  @ApiOkResponse({ type: OfferResponse, description: 'The offer, rejected' })
  @Post('offers/:id/reject')
  @HttpCode(200)
  @Roles('coordinator')
  reject(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.offers.close(who, id, 'rejected');
  }

  @ApiOperation({ summary: 'Withdraw an open or accepted offer (the nurse who made it, or a coordinator)' })
  @ApiOkResponse({ type: OfferResponse, description: 'The offer, withdrawn' })
  @Post('offers/:id/withdraw')
  @HttpCode(200)
  @Roles('nurse', 'coordinator')
  withdraw(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.offers.close(who, id, 'withdrawn');
  }
}
