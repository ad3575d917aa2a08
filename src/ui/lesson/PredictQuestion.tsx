import { useApp, useRun } from '../app-context';
import { useLesson } from './use-lesson';

/**
 * "Predict, then reveal": the question and its choices before the run (Play waits for an answer, and
 * the answer is fixed once training starts); the verdict and the explanation when the run finishes.
 */
export function PredictQuestion() {
  const { lesson } = useApp();
  const question = useLesson((s) => s.lesson.question);
  const prediction = useLesson((s) => s.prediction);
  const revealed = useLesson((s) => s.revealed);
  const started = useRun((s) => s.step > 0 || s.state === 'running');
  if (question === null) return null;
  const fixed = revealed || started;
  return (
    <section className="panel lesson-question" aria-labelledby="lesson-question-title" data-testid="lesson-question">
      <h2 id="lesson-question-title">Predict, then run</h2>
      <fieldset disabled={fixed}>
        <legend data-testid="lesson-ask">{question.text}</legend>
        {question.choices.map((choice, i) => (
          <div className="lesson-choice" key={`${i}-${choice}`}>
            <input
              type="radio"
              id={`lesson-choice-${i}`}
              data-testid={`lesson-choice-${i}`}
              name="lesson-prediction"
              checked={prediction === i}
              onChange={() => lesson.getState().predict(i)}
            />
            <label htmlFor={`lesson-choice-${i}`}>{choice}</label>
          </div>
        ))}
      </fieldset>
      {!revealed && (
        <p className="muted small" data-testid="lesson-status" aria-live="polite">
          {prediction === null
            ? 'Choose your prediction to enable Play.'
            : started
              ? 'Your prediction is in. The answer appears when the run finishes.'
              : 'Press Play: the answer appears when the run finishes.'}
        </p>
      )}
      {revealed && prediction !== null && (
        <div className={`lesson-reveal ${prediction === question.answer ? 'right' : 'wrong'}`} data-testid="lesson-reveal" role="status">
          <p>
            <strong data-testid="lesson-verdict">{prediction === question.answer ? 'Your prediction was right.' : 'Your prediction was not right.'}</strong>{' '}
            The answer: {question.choices[question.answer]}.
          </p>
          {question.explanation !== '' && <p data-testid="lesson-explanation">{question.explanation}</p>}
        </div>
      )}
    </section>
  );
}
