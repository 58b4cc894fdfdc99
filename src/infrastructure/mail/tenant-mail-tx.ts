import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTx } from '../database/tenant-tx';
import { MailWorker } from './mail-worker';

/**
 * A tenant transaction that may enqueue mail: the mail is written with the
 * change (or not at all), and delivery is asked for once it has committed.
 */
@Injectable()
export class TenantMailTx {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(MailWorker) private readonly mailWorker: MailWorker,
  ) {}

  async run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.tx.run(fn);
    this.mailWorker.kick();
    return result;
  }
}
