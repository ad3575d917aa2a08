import { choiceLines, MAX_CHOICES, MIN_CHOICES } from '../../core/lesson';

export interface QuestionText {
  readonly ask: string;
  readonly choices: string;
  readonly answer: number | null;
  readonly explain: string;
}

interface Props {
  readonly value: QuestionText;
  readonly onChange: (next: QuestionText) => void;
}

/** The optional "predict, then reveal" question: text, choices one per line, the right one, an explanation. */
export function QuestionForm({ value, onChange }: Props) {
  const choices = choiceLines(value.choices);
  return (
    <fieldset className="lesson-question-form">
      <legend>Predict, then reveal (optional)</legend>
      <label htmlFor="lesson-ask-input">Question</label>
      <input
        id="lesson-ask-input"
        data-testid="lesson-ask-input"
        type="text"
        value={value.ask}
        onChange={(e) => onChange({ ...value, ask: e.target.value })}
      />
      <label htmlFor="lesson-choices-input">
        Choices, one per line ({MIN_CHOICES}–{MAX_CHOICES})
      </label>
      <textarea
        id="lesson-choices-input"
        data-testid="lesson-choices-input"
        rows={3}
        value={value.choices}
        onChange={(e) => onChange({ ...value, choices: e.target.value })}
      />
      <label htmlFor="lesson-answer-input">The right choice</label>
      <select
        id="lesson-answer-input"
        data-testid="lesson-answer-input"
        value={value.answer === null || value.answer >= choices.length ? '' : String(value.answer)}
        onChange={(e) => onChange({ ...value, answer: e.target.value === '' ? null : Number(e.target.value) })}
      >
        <option value="">(choose)</option>
        {choices.map((c, i) => (
          <option key={`${i}-${c}`} value={i}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor="lesson-explain-input">Explanation, shown after the run</label>
      <textarea
        id="lesson-explain-input"
        data-testid="lesson-explain-input"
        rows={3}
        value={value.explain}
        onChange={(e) => onChange({ ...value, explain: e.target.value })}
      />
    </fieldset>
  );
}
