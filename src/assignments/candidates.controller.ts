import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-error.dto.js';
import { CurrentPrincipal, Roles } from '../common/decorators.js';
import type { Principal } from '../common/principal.js';
import { CandidateResponse, OfferCandidateResponse } from './candidate.response.js';
import { CandidatesService } from './candidates.service.js';
import { ListCandidatesQuery } from './dto/list-candidates.dto.js';

/** Who could take a slot (the coordinator's list), and whom a nurse could offer her duty to. */
@ApiTags('planning aids')
@ApiBearerAuth()
@ApiErrors()
@Controller('api')
export class CandidatesController {
  constructor(private readonly candidatesService: CandidatesService) {}

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
}
