/* The "try it" panel: a chapter's trained model reads a review the reader types, word by word.

   A page holds <div class="tryit" data-tryit="SLUG">; hooks/tryit.py adds this script (deferred)
   to such pages only. The panel's controls are drawn at once; the weights (SLUG.json, written by
   `make notebooks SLUG=...`, notebooks/tryit.py) are fetched only when the reader nears the panel
   or uses it, so they cost the page's load nothing.

   A chapter's JSON names its tokenizer and model by kind; TOKENIZERS and MODELS below map a kind
   to the code that runs it, and REVIEWS gives each chapter's panel its reviews' language and
   examples. The panel itself only needs a tokenizer's tokens and a model's per-step probability
   and state: the LSTM chapter reads English words, the NSMC chapter Korean syllables.

   tests/browser/test_tryit.py holds the forward pass to Keras' predict and each tokenizer to the
   chapter's Python function (encode_review, encode_syllables). */
(() => {
  "use strict";
  const script = document.currentScript;

  const TEXT = {
    en: {
      label: { en: "Type or paste an English review", ko: "Type or paste a Korean movie review" },
      unit: { word: "words", syllable: "syllables" },
      examples: "Examples:",
      loading: "Loading the trained model…",
      failed: "The model's weights could not be loaded.",
      empty: "The model reads nothing of this text yet.",
      positive: "positive",
      negative: "negative",
      verdict: (label, p) => `Verdict: ${label} (probability of positive ${p})`,
      counts: (read, dropped, pad, unit) =>
        `${read} ${unit} read, ${dropped} dropped; before the first one the model reads ${pad} padding steps (id 0).`,
      oovCount: (n) => ` ${n} of them not in the vocabulary, read as id 1.`,
      strip: "The words as the model reads them, with the probability and the state after each",
      rowP: "P(positive)",
      rowH: "h (hidden)",
      rowC: "c (cell)",
      oov: "read as id 1: not in the vocabulary",
      frequent: (below) => `dropped: too frequent (id below ${below})`,
      unknown: "dropped: not in the vocabulary",
      cut: (last, unit) => `dropped: beyond the last ${last} ${unit}`,
      space: "space",
      after: (p) => `probability of positive after it ${p}`,
      legend: {
        word: "Bars: the probability of positive after each word, orange above 0.5 (the thin line), blue below. Struck-out words are dropped: too frequent (dotted) or not in the vocabulary (dashed).",
        syllable:
          "Bars: the probability of positive after each syllable (␣ is a space), orange above 0.5 (the thin line), blue below. An underlined syllable is not in the vocabulary and is read as id 1; struck-out syllables come before the last ones the model reads.",
      },
      legendState: "State values:",
      legendC: (m) => `(c scaled to its largest size here, ${m})`,
    },
    ko: {
      label: { en: "영어 리뷰 입력 (붙여 넣어도 된다)", ko: "한국어 영화 리뷰 입력 (붙여 넣어도 된다)" },
      unit: { word: "단어", syllable: "음절" },
      examples: "예시:",
      loading: "훈련된 모델을 불러오는 중…",
      failed: "모델의 가중치를 불러오지 못했다.",
      empty: "이 글에는 아직 모델이 읽을 것이 없다.",
      positive: "긍정",
      negative: "부정",
      verdict: (label, p) => `판정: ${label} (긍정일 확률 ${p})`,
      counts: (read, dropped, pad, unit) =>
        `읽은 ${unit} ${read}개, 버린 ${unit} ${dropped}개. 모델은 첫 ${unit} 앞에서 패딩(id 0)을 ${pad}번 읽는다.`,
      oovCount: (n) => ` 그중 ${n}개는 어휘 사전에 없어 번호 1로 읽는다.`,
      strip: "모델이 읽는 단어와, 각 단어 뒤의 확률과 상태",
      rowP: "긍정 확률",
      rowH: "h (은닉 상태)",
      rowC: "c (셀 상태)",
      oov: "번호 1로 읽음: 어휘 사전에 없음",
      frequent: (below) => `버림: 너무 흔한 단어 (id ${below} 미만)`,
      unknown: "버림: 어휘 사전에 없는 단어",
      cut: (last, unit) => `버림: 마지막 ${last}${unit} 밖`,
      space: "공백",
      after: (p, unit) => `이 ${unit} 뒤 긍정일 확률 ${p}`,
      legend: {
        word: "막대는 각 단어 뒤 긍정일 확률이다. 0.5(가는 선)보다 높으면 주황, 낮으면 파랑. 줄이 그어진 단어는 버린 단어다. 점선은 너무 흔한 단어, 파선은 어휘 사전에 없는 단어.",
        syllable:
          "막대는 각 음절 뒤 긍정일 확률이다(␣는 공백). 0.5(가는 선)보다 높으면 주황, 낮으면 파랑. 밑줄 그은 음절은 어휘 사전에 없어 번호 1로 읽고, 줄이 그어진 음절은 모델이 읽는 마지막 음절들보다 앞에 있어 버린다.",
      },
      legendState: "상태 값:",
      legendC: (m) => `(c는 이 리뷰에서 가장 큰 크기 ${m}로 나눈 값)`,
    },
  };

  // Each chapter's panel: the language of the reviews it reads, the unit its tokenizer cuts them
  // into, and examples to pick.
  const REVIEWS = {
    lstm: {
      language: "en",
      unit: "word",
      examples: [
        "One of the best films of the year: a wonderful story, and the acting is great.",
        "A waste of time. The plot makes no sense, the acting is terrible. Boring!",
        "This movie was not good at all.",
      ],
    },
    nsmc: {
      language: "ko",
      unit: "syllable",
      examples: [
        "배우들 연기가 최고였다. 올해 본 영화 중에 제일 좋았다",
        "돈 아깝다 스토리도 엉망이고 지루해서 중간에 나왔음",
        "기대 안 했는데 생각보다 재밌네요",
      ],
    },
  };

  // -- numbers

  function floats({ shape, float32 }) {
    const bytes = Uint8Array.from(atob(float32), (ch) => ch.charCodeAt(0));
    const values = new Float32Array(bytes.buffer);
    if (values.length !== shape.reduce((a, b) => a * b, 1)) throw new Error("bad weights");
    return { shape, values };
  }

  const sigmoid = (x) => 1 / (1 + Math.exp(-x));

  // -- tokenizers: text -> tokens {word, id, status, read}, and the model's input ids

  /* Keras' IMDB word ids, as the chapter's encode_review computes them: separators become
     spaces, lower case, split at spaces only, id = rank + index_from, ids from skip_top to
     num_words - 1 kept, the last maxlen kept, padded with 0 in front. */
  function imdbWords(spec) {
    const ids = new Map(spec.words.map((word, i) => [word, i + spec.first_id]));
    const separators = new Set(spec.separators);
    function tokenize(text) {
      const spaced = Array.from(text, (ch) => (separators.has(ch) ? " " : ch)).join("");
      const words = spaced.toLowerCase().split(" ").filter((word) => word);
      const tokens = words.map((word) => {
        const id = ids.get(word);
        if (id === undefined) return { word, id: null, status: "unknown", read: false };
        const frequent = id < spec.skip_top;
        return { word, id, status: frequent ? "frequent" : "kept", read: !frequent };
      });
      return lastRead(tokens, spec.maxlen);
    }
    return { tokenize, encode: encoder(tokenize, spec.maxlen), maxlen: spec.maxlen, skipTop: spec.skip_top };
  }

  /* Syllables, as the NSMC chapter's encode_syllables computes them: the text split at spaces,
     empty pieces dropped, joined with one space, cut into Unicode code points (Array.from, as
     Python's list(str)); id = rank + first_id, 1 for a syllable outside the vocabulary, the last
     maxlen kept, padded with 0 in front. */
  function syllables(spec) {
    const ids = new Map(spec.tokens.map((token, i) => [token, i + spec.first_id]));
    function tokenize(text) {
      const units = Array.from(text.split(" ").filter((piece) => piece).join(" "));
      const tokens = units.map((word) => {
        const id = ids.get(word);
        if (id === undefined) return { word, id: spec.unknown_id, status: "oov", read: true };
        return { word, id, status: "kept", read: true };
      });
      return lastRead(tokens, spec.maxlen);
    }
    return { tokenize, encode: encoder(tokenize, spec.maxlen), maxlen: spec.maxlen };
  }

  // The model reads only the last maxlen tokens it would read; those before are cut.
  function lastRead(tokens, maxlen) {
    const read = tokens.filter((token) => token.read);
    for (const token of read.slice(0, Math.max(0, read.length - maxlen))) {
      token.status = "cut";
      token.read = false;
    }
    return tokens;
  }

  function encoder(tokenize, maxlen) {
    return (text) => {
      const ids = tokenize(text).filter((token) => token.read).map((token) => token.id);
      const padded = new Array(maxlen).fill(0);
      padded.splice(maxlen - ids.length, ids.length, ...ids);
      return padded;
    };
  }

  // -- models: ids -> per step {p, h, c}

  /* Embedding, then Keras' LSTM (gates in its kernel's column order: input, forget, candidate,
     output; sigmoid gates, tanh candidate and output), then Dense(1, sigmoid) on each step's h. */
  function embeddingLstmDense(spec) {
    const emb = floats(spec.embedding);
    const kernel = floats(spec.kernel);
    const recurrent = floats(spec.recurrent_kernel);
    const bias = floats(spec.bias).values;
    const dense = floats(spec.dense_kernel).values;
    const denseBias = floats(spec.dense_bias).values[0];
    const [, dim] = emb.shape;
    const units = recurrent.shape[0];
    const width = 4 * units;
    function run(ids) {
      let h = new Float64Array(units);
      let c = new Float64Array(units);
      const steps = [];
      const z = new Float64Array(width);
      for (const id of ids) {
        z.set(bias);
        for (let k = 0; k < dim; k++) {
          const x = emb.values[id * dim + k];
          const row = k * width;
          for (let j = 0; j < width; j++) z[j] += x * kernel.values[row + j];
        }
        for (let k = 0; k < units; k++) {
          const row = k * width;
          for (let j = 0; j < width; j++) z[j] += h[k] * recurrent.values[row + j];
        }
        const hNext = new Float64Array(units);
        const cNext = new Float64Array(units);
        for (let u = 0; u < units; u++) {
          const input = sigmoid(z[u]);
          const forget = sigmoid(z[units + u]);
          const candidate = Math.tanh(z[2 * units + u]);
          const output = sigmoid(z[3 * units + u]);
          cNext[u] = forget * c[u] + input * candidate;
          hNext[u] = output * Math.tanh(cNext[u]);
        }
        h = hNext;
        c = cNext;
        let logit = denseBias;
        for (let u = 0; u < units; u++) logit += h[u] * dense[u];
        steps.push({ p: sigmoid(logit), h, c });
      }
      return steps;
    }
    return { run, predict: (ids) => run(ids).at(-1).p, units };
  }

  const TOKENIZERS = { "imdb-words": imdbWords, syllables };
  const MODELS = { "embedding-lstm-dense": embeddingLstmDense };

  const loaded = new Map();
  function load(url) {
    if (!loaded.has(url)) {
      loaded.set(
        url,
        fetch(url)
          .then((response) => {
            if (!response.ok) throw new Error(`${url}: ${response.status}`);
            return response.json();
          })
          .then((data) => ({
            tokenizer: TOKENIZERS[data.tokenizer.kind](data.tokenizer),
            model: MODELS[data.model.kind](data.model),
          })),
      );
    }
    return loaded.get(url);
  }

  // -- the panel

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  const fixed = (x, digits) => x.toFixed(digits);
  // A value in [-1, 1] as a colour: --tryit-pos above 0, --tryit-neg below, background at 0.
  const shade = (v) =>
    `color-mix(in srgb, var(${v >= 0 ? "--tryit-pos" : "--tryit-neg"}) ${Math.round(
      Math.min(1, Math.abs(v)) * 100,
    )}%, var(--md-default-bg-color))`;

  let panels = 0;

  function mount(root) {
    const lang = (document.documentElement.lang || "en").startsWith("ko") ? "ko" : "en";
    const t = TEXT[lang];
    const compact = root.classList.contains("tryit--compact"); // no state heatmap
    const n = ++panels;
    const url = new URL(`${root.dataset.tryit}.json`, script.src).href;
    const reviews = REVIEWS[root.dataset.tryit];
    const unit = t.unit[reviews.unit];
    // A syllable is one character: upright, in a label row one character tall, not a word's.
    const upright = reviews.unit === "syllable";
    if (upright) root.style.setProperty("--tryit-words", "1.6rem");

    const box = el("textarea", {
      id: `tryit-text-${n}`,
      rows: "3",
      spellcheck: "false",
      lang: reviews.language,
    });
    box.value = reviews.examples[0];
    const examples = el("div", { class: "tryit__examples", role: "group", "aria-label": t.examples });
    examples.append(el("span", { "aria-hidden": "true" }, t.examples));
    reviews.examples.forEach((text) => {
      const start = text.split(" ").slice(0, 3).join(" ");
      const button = el("button", { type: "button" }, `${start}…`);
      button.title = text;
      button.addEventListener("click", () => {
        box.value = text;
        update(true);
      });
      examples.append(button);
    });
    const verdict = el("p", { class: "tryit__verdict", "aria-live": "polite" }, t.loading);
    const counts = el("p", { class: "tryit__counts" });
    const strip = el("ol", { class: "tryit__strip" });
    const frame = el(
      "div",
      { class: "tryit__frame", role: "region", tabindex: "0", "aria-label": t.strip },
      el(
        "div",
        { class: "tryit__rows", "aria-hidden": "true" },
        el("span", { class: "tryit__row-p" }, t.rowP),
        ...(compact
          ? []
          : [el("span", { class: "tryit__row-h" }, t.rowH), el("span", { class: "tryit__row-c" }, t.rowC)]),
      ),
      strip,
    );
    const scale = el("span", { class: "tryit__scale", "aria-hidden": "true" });
    const cNote = el("span");
    const legend = el("p", { class: "tryit__legend" }, t.legend[reviews.unit]);
    if (!compact) {
      legend.append(
        ` ${t.legendState} `,
        el("span", { class: "tryit__tick" }, "−1"),
        scale,
        el("span", { class: "tryit__tick" }, "+1"),
        " ",
        cNote,
      );
    }
    root.replaceChildren(
      el("label", { for: box.id }, t.label[reviews.language]),
      box,
      examples,
      verdict,
      frame,
      counts,
      legend,
    );

    let ready = null;
    let announce = 0;
    function update(now = false) {
      if (!ready) return;
      const { tokenizer, model } = ready;
      const tokens = tokenizer.tokenize(box.value);
      const ids = tokenizer.encode(box.value);
      const steps = model.run(ids);
      const read = tokens.filter((token) => token.read).length;
      const oov = tokens.filter((token) => token.status === "oov").length;
      const pad = tokenizer.maxlen - read;
      const largest = Math.max(1e-9, ...steps.slice(pad).flatMap((s) => Array.from(s.c, Math.abs)));
      let step = pad;
      const why = {
        frequent: () => t.frequent(tokenizer.skipTop),
        unknown: () => t.unknown,
        cut: () => t.cut(tokenizer.maxlen, unit),
      };
      strip.replaceChildren(
        ...tokens.map((token) => {
          const item = el("li", { class: `tryit__word tryit__word--${token.status}` });
          const space = token.word === " ";
          const word = el(
            "span",
            { class: "tryit__label", title: space ? t.space : token.word },
            space ? "␣" : token.word,
          );
          if (upright) word.style.textOrientation = "upright";
          // An unknown syllable is read (as id 1): underlined, where a dropped word is struck out.
          if (token.status === "oov") word.style.textDecoration = "underline dashed";
          if (!token.read) {
            item.append(el("span", { class: "tryit__bar" }), word);
            item.append(el("span", { class: "tryit__sr" }, `: ${why[token.status]()}`));
            return item;
          }
          const { p, h, c } = steps[step++];
          const bar = el("span", { class: "tryit__bar" });
          const fill = el("span", { class: p >= 0.5 ? "tryit__fill tryit__fill--pos" : "tryit__fill" });
          fill.style.height = `${fixed(p * 100, 1)}%`;
          bar.append(fill);
          item.append(bar);
          if (!compact) {
            const cells = el("span", { class: "tryit__cells", "aria-hidden": "true" });
            for (const v of h) cells.append(el("span", { style: `background:${shade(v)}` }));
            for (const v of c) cells.append(el("span", { style: `background:${shade(v / largest)}` }));
            item.append(cells);
          }
          item.append(word);
          const oovNote = token.status === "oov" ? `, ${t.oov}` : "";
          item.append(el("span", { class: "tryit__sr" }, `${oovNote}: ${t.after(fixed(p, 3), unit)}`));
          return item;
        }),
      );
      cNote.textContent = read ? t.legendC(fixed(largest, 2)) : "";
      counts.textContent =
        t.counts(read, tokens.length - read, pad, unit) + (oov ? t.oovCount(oov) : "");
      // The live region speaks once the reader pauses, not at every key.
      clearTimeout(announce);
      const say = () => {
        const p = steps.at(-1).p;
        verdict.textContent = read
          ? t.verdict(p >= 0.5 ? t.positive : t.negative, fixed(p, 3))
          : t.empty;
      };
      if (now) say();
      else announce = setTimeout(say, 500);
    }
    box.addEventListener("input", () => update());

    let started = false;
    function start() {
      if (started) return;
      started = true;
      observer.disconnect();
      load(url).then(
        (model) => {
          ready = model;
          root.classList.add("tryit--ready");
          update(true);
        },
        () => (verdict.textContent = t.failed),
      );
    }
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && start(),
      { rootMargin: "400px 0px" },
    );
    observer.observe(root);
    root.addEventListener("focusin", start);
  }

  window.rnnTryit = { TOKENIZERS, MODELS, load, REVIEWS };
  document.querySelectorAll(".tryit[data-tryit]").forEach(mount);
})();
