import { Injectable } from '@nestjs/common';

/**
 * Counters that writers bump when something a read cache depends on changes, so caches in this
 * instance drop stale entries at once. Other instances rely on the cache's short lifetime.
 */
@Injectable()
export class ChangeEpochs {
  contracts = 0;

  contractsChanged(): void {
    this.contracts++;
  }
}
