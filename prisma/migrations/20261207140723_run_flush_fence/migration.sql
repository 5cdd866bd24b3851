-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "flushSeq" INTEGER NOT NULL DEFAULT 0;

-- The fence of a pass's flush (server/engine/writer-sql.ts calls it in the same statement as baton_flush_run): the
-- flush names the "flushSeq" its pass read or last wrote. Another pass's write in between has changed it, and the
-- whole statement then fails with SQLSTATE BTN01, so nothing of the stale pass is written. A concurrent flush waits
-- for the row lock and then sees the new value (READ COMMITTED re-checks the condition on the updated row).
CREATE OR REPLACE FUNCTION baton_fence_run(p_run text, p_seq integer) RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Run" SET "flushSeq" = "flushSeq" + 1 WHERE id = p_run AND "flushSeq" = p_seq;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Run % was written by another pass since this pass read it.', p_run USING ERRCODE = 'BTN01';
  END IF;
  RETURN p_seq + 1;
END;
$$;
