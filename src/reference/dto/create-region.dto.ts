import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsString, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { phoneE164 } from '../../common/phone.js';
import { CodeField, IntField, REGION_CODE, TextField, UZOVI, ZoneField, Optional } from '../../common/validation.js';

export class CreateRegionDto {
  @CodeField({ description: 'Region code, [A-Z0-9-]{1,32}', example: 'AMS' }, REGION_CODE, '1–32 of A-Z, 0-9 and -')
  code: string;
  @TextField({ description: 'Name of the region', example: 'Amsterdam-Amstelland' })
  name: string;
  @IntField({ description: 'Inhabitants, for per-inhabitant fees', example: 1_050_000 }, 0, 100_000_000)
  population: number;
  @CodeField({ description: 'UZOVI of the preferred insurer, the only one that may contract here', example: '3311' }, UZOVI, '4 digits')
  preferredInsurerUzovi: string;
  @ZoneField({ description: 'IANA time zone of the region (default Europe/Amsterdam)', example: 'Europe/Amsterdam', required: false })
  timezone?: string;
}

/** Minutes per referral urgency; a key left out keeps its value. */
export class ReferralResponseMinutesDto {
  @IntField({ description: 'Urgency today', example: 30, required: false }, 1, 1440)
  today?: number;
  @IntField({ description: 'Urgency within-24h', example: 120, required: false }, 1, 1440)
  'within-24h'?: number;
  @IntField({ description: 'Urgency planned', example: 480, required: false }, 1, 1440)
  planned?: number;
}

/** Minutes per referral urgency; a key left out keeps its value. */
export class PlacementNormMinutesDto {
  @IntField({ description: 'Urgency today', example: 120, required: false }, 1, 20160)
  today?: number;
  @IntField({ description: 'Urgency within-24h', example: 480, required: false }, 1, 20160)
  'within-24h'?: number;
  @IntField({ description: 'Urgency planned', example: 2880, required: false }, 1, 20160)
  planned?: number;
}

export class UpdateRegionDto {
  @TextField({ description: 'Name of the region', example: 'Amsterdam-Amstelland', required: false })
  name?: string;
  @IntField({ description: 'Inhabitants', example: 1_060_000, required: false }, 0, 100_000_000)
  population?: number;
  @CodeField({ description: 'UZOVI of the preferred insurer', example: '3311', required: false }, UZOVI, '4 digits')
  preferredInsurerUzovi?: string;
  @ApiPropertyOptional({ description: 'Approve a shift offer at once when the taker breaks no rule', example: true })
  @Optional()
  @IsBoolean()
  autoApproveOffers?: boolean;
  @ApiPropertyOptional({
    description:
      "The phone number of the region's coordination desk, shown with each duty in the nurses' calendar feeds: Dutch (020 123 4567, 06 12345678) or international with its country code; answered in E.164. null removes it.",
    example: '020 123 4567',
    nullable: true,
    type: String,
  })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString()
  @ValidateBy({
    name: 'isPhoneNumber',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && phoneE164(v) !== null,
      defaultMessage: () =>
        'coordinatorPhone must be a phone number that can be called: Dutch (020 123 4567) or international with its country code (+32 2 555 12 12)',
    },
  })
  coordinatorPhone?: string | null;
  @ApiPropertyOptional({
    description:
      'Seconds after which a page still unacknowledged (its request open, its nurse with a phone) also goes by SMS: 0 = never, else 15–3600 (default 120)',
    example: 120,
  })
  @Optional()
  @ValidateBy({
    name: 'isSmsAfterSeconds',
    validator: {
      validate: (v: unknown) => Number.isInteger(v) && (v === 0 || ((v as number) >= 15 && (v as number) <= 3600)),
      defaultMessage: () => 'smsAfterSeconds must be 0 (no SMS) or a whole number of seconds from 15 to 3600',
    },
  })
  smsAfterSeconds?: number;
  @ApiPropertyOptional({
    description:
      'How long a provider has to answer a referral offer before it times out and the next provider is offered, minutes per urgency (each 1–1440; defaults today 30, within-24h 120, planned 480). Urgencies left out keep their value. Applies to offers made after the change.',
    type: ReferralResponseMinutesDto,
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralResponseMinutesDto)
  referralResponseMinutes?: ReferralResponseMinutesDto;
  @ApiPropertyOptional({
    description:
      'The norm for placing a referral, minutes from its creation per urgency (each 1–20160; defaults today 120, within-24h 480, planned 2880), used by the figures. Urgencies left out keep their value.',
    type: PlacementNormMinutesDto,
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlacementNormMinutesDto)
  placementNormMinutes?: PlacementNormMinutesDto;
  @IntField(
    {
      description: "Hours after a provider's last publication from which its intake lines read grey (stale) and are not offered (default 24)",
      example: 24,
      required: false,
    },
    1,
    168,
  )
  capacityStaleHours?: number;
}
