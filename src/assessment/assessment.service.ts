import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import {
  cleanAnswers,
  proposeNeeds,
  questionnaireDigest,
  questionnaireFor,
  scoreAreas,
  unanswered,
  type Answers,
  type AreaScores,
} from './scoring';

export interface AssessmentRecord {
  id: string;
  status: 'draft' | 'completed';
  answers: Answers;
  scores: AreaScores | null;
  proposedNeeds: string[];
  completedAt: Date | null;
}

const COLUMNS = `id, status, answers, scores, proposed_needs AS "proposedNeeds", completed_at AS "completedAt"`;

/** The self-assessment: a draft saved as often as the person likes, then completed results kept as history. */
@Injectable()
export class AssessmentService {
  constructor(@Inject(TenantTx) private readonly tx: TenantTx) {}

  /**
   * The unfinished answers. A draft of a questionnaire that has changed since
   * keeps only the answers to questions still asked (cleanAnswers drops the rest).
   */
  private async draftRow(em: EntityManager, userId: string): Promise<AssessmentRecord | undefined> {
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM assessments WHERE user_id = $1 AND status = 'draft'`,
      [userId],
    )) as AssessmentRecord[];
    return rows[0];
  }

  /** The unfinished answers, if any. */
  async draft(tenant: ResolvedTenant, userId: string): Promise<Answers> {
    const q = questionnaireFor(tenant.config.programme);
    const draft = await this.tx.run((em) => this.draftRow(em, userId));
    return draft ? cleanAnswers(q, draft.answers) : {};
  }

  /**
   * Saves the answers given so far; with `finish`, completes the assessment
   * when every question is answered. Nothing answered is ever lost: the draft
   * is saved before anything is refused.
   */
  async submit(
    tenant: ResolvedTenant,
    userId: string,
    raw: Record<string, unknown>,
    finish: boolean,
  ): Promise<
    | { kind: 'saved' }
    | { kind: 'incomplete'; missing: string[] }
    | { kind: 'completed'; id: string }
  > {
    const q = questionnaireFor(tenant.config.programme);
    const digest = questionnaireDigest(q);
    return this.tx.run(async (em) => {
      const draft = await this.draftRow(em, userId);
      const answers = { ...(draft ? cleanAnswers(q, draft.answers) : {}), ...cleanAnswers(q, raw) };
      const rows = (await em.query(
        `INSERT INTO assessments (tenant_id, user_id, questionnaire_digest, answers, status)
         VALUES ($1, $2, $3, $4, 'draft')
         ON CONFLICT (tenant_id, user_id) WHERE status = 'draft'
         DO UPDATE SET answers = EXCLUDED.answers, questionnaire_digest = EXCLUDED.questionnaire_digest
         RETURNING id`,
        [tenant.id, userId, digest, JSON.stringify(answers)],
      )) as { id: string }[];
      if (!finish) return { kind: 'saved' as const };
      const missing = unanswered(q, answers);
      if (missing.length > 0) return { kind: 'incomplete' as const, missing };
      const scores = scoreAreas(q, answers);
      const needs = proposeNeeds(q, answers, scores);
      await em.query(
        `UPDATE assessments SET status = 'completed', completed_at = now(), scores = $2,
                proposed_needs = $3
          WHERE id = $1`,
        [rows[0].id, JSON.stringify(scores), [...needs.top, ...needs.more]],
      );
      return { kind: 'completed' as const, id: rows[0].id };
    });
  }

  /** A completed assessment of this person, or null (someone else's is as missing as an unknown one). */
  async result(userId: string, id: string): Promise<AssessmentRecord | null> {
    const rows = (await this.tx.run((em) =>
      em.query(
        `SELECT ${COLUMNS} FROM assessments WHERE id = $1 AND user_id = $2 AND status = 'completed'`,
        [id, userId],
      ),
    )) as AssessmentRecord[];
    return rows[0] ?? null;
  }

  /** Completed assessments, oldest first: the history that shows progress. */
  async history(userId: string): Promise<AssessmentRecord[]> {
    return (await this.tx.run((em) =>
      em.query(
        `SELECT ${COLUMNS} FROM assessments WHERE user_id = $1 AND status = 'completed'
          ORDER BY completed_at, id`,
        [userId],
      ),
    )) as AssessmentRecord[];
  }
}
