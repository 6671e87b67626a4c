import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation.js';
import { OFFER_STATUSES, type OfferStatus } from '../../common/codes.js';

export class CreateOfferDto {
  @ApiPropertyOptional({
    description: 'The colleague the shift is offered to (a swap/give-away to one nurse); omit to offer it to anyone who could take it',
    example: '8c1e…',
  })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  toNurseId?: string;
}

export class ListOffersQuery {
  @ApiPropertyOptional({ description: 'Only offers with this status', enum: OFFER_STATUSES })
  @Optional()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}
