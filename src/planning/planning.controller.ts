import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiErrors } from '../common/api-error.dto.js';
import { AbsenceResponse, RecordedAbsenceResponse } from './absence.response.js';
import { CandidateResponse, OfferCandidateResponse } from './candidate.response.js';
import { OfferAcceptResponse, OfferApproveResponse, OfferListEntryResponse, OfferResponse } from './offer.response.js';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { AbsencesService } from './absences.service.js';
import { CandidatesService } from './candidates.service.js';
import { CreateAbsenceDto, CreateOfferDto, ListCandidatesQuery, ListOffersQuery } from './dto/planning.dto.js';
import { OffersService } from './offers.service.js';

@ApiTags('planning aids')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class PlanningController {
  constructor(
    private readonly candidatesService: CandidatesService,
    private readonly offers: OffersService,
    private readonly absences: AbsencesService,
  ) {}

  @ApiOperation({
    summary: 'Who can take this slot: every nurse of the responsible party not on it, with what an assignment would answer now',
    description:
      'Ordered: no violations first, then fewest monthMinutes, then name. With replacing=<assignment id> (an active assignment of this slot, else 404) the violations are what POST /api/assignments/:id/replace would answer: that place counts as free.',
  })
  @ApiOkResponse({ type: [CandidateResponse] })
  @Get('slots/:id/candidates')
  @Roles('coordinator')
  candidates(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() q: ListCandidatesQuery) {
    return this.candidatesService.candidates(who, id, q.replacing);
  }

  @ApiOperation({
    summary: 'For the nurse assigned: colleagues she could offer this duty to, judged on qualifications only',
    description:
      'Addition where the contract is silent. Colleagues are the nurses of the contract\'s responsible party not on the slot. Only qualifications are judged (`rules` is `["qualification"]` or empty): working-time rules, overlaps and absences would reveal a colleague\'s own roster, so they are judged when she accepts and when the coordinator approves. Qualified colleagues first, then by name.',
  })
  @ApiOkResponse({ type: [OfferCandidateResponse] })
  @Get('assignments/:id/offer-candidates')
  @Roles('nurse')
  offerCandidates(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.candidatesService.offerCandidates(who, id);
  }

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

  @ApiOperation({
    summary: "Record an absence (code only); the nurse's assignments inside it are cancelled and listed",
    description:
      'An absence whose inclusive dates intersect one already recorded for the nurse is 409 absence-overlap; the violation names that absence in conflictsWithAbsence. An absence reaching into a closed month is 409 closed-month.',
  })
  @ApiCreatedResponse({ type: RecordedAbsenceResponse, description: 'The absence and the assignments it cancelled' })
  @Post('nurses/:id/absences')
  @Roles('coordinator')
  createAbsence(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() dto: CreateAbsenceDto) {
    return this.absences.create(who, id, dto);
  }

  @ApiOperation({ summary: "A nurse's absences, by first date" })
  @ApiOkResponse({ type: [AbsenceResponse] })
  @Get('nurses/:id/absences')
  @Roles('coordinator', 'nurse')
  listAbsences(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    return this.absences.list(who, id);
  }

  @ApiOperation({ summary: 'Remove an absence; cancelled assignments stay cancelled' })
  @ApiNoContentResponse({ description: 'Removed' })
  @Delete('absences/:id')
  @HttpCode(204)
  @Roles('coordinator')
  async removeAbsence(@CurrentPrincipal() who: Principal, @Param('id') id: string) {
    await this.absences.remove(who, id);
  }
}
