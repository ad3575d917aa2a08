import { DigestVerdict } from './DigestVerdict';
import { LessonProblems } from './LessonProblems';
import { PredictQuestion } from './PredictQuestion';
import './lesson.css';

/** What a lesson link adds above the run controls: its problems, its question, its digest check. */
export function LessonPanel() {
  return (
    <>
      <LessonProblems />
      <PredictQuestion />
      <DigestVerdict />
    </>
  );
}
