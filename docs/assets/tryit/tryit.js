/* The "try it" panel: a chapter's trained model reads a review the reader types, word by word.

   A page holds <div class="tryit" data-tryit="SLUG">; hooks/tryit.py adds this script (deferred)
   to such pages only. The panel's controls are drawn at once; the weights (SLUG.json, written by
   `make notebooks SLUG=...`, notebooks/tryit.py) are fetched only when the reader nears the panel
   or uses it, so they cost the page's load nothing.

   A chapter's JSON names its tokenizer and model by kind; TOKENIZERS and MODELS below map a kind
   to the code that runs it. Another chapter (another language's reviews, another recurrent layer)
   plugs in by adding its kinds there and its interface text to TEXT: the panel itself only needs
   a tokenizer's tokens and a model's per-step probability and state.

   tests/browser/test_tryit.py holds the forward pass to Keras' predict and the tokenizer to the
   chapter's encode_review. */
(() => {
  "use strict";
  const script = document.currentScript;

  const TEXT = {
    en: {
      label: "Type or paste an English review",
      examples: "Examples:",
      loading: "Loading the trained model…",
      failed: "The model's weights could not be loaded.",
      empty: "No word of this text is in the model's vocabulary yet.",
      positive: "positive",
      negative: "negative",
      verdict: (label, p) => `Verdict: ${label} (probability of positive ${p})`,
      counts: (kept, dropped, pad) =>
        `${kept} words read, ${dropped} dropped; before the first word the model reads ${pad} padding steps (id 0).`,
      strip: "The words as the model reads them, with the probability and the state after each",
      rowP: "P(positive)",
      rowH: "h (hidden)",
      rowC: "c (cell)",
      kept: "read",
      frequent: "dropped: too frequent (id below 20)",
      unknown: "dropped: not in the vocabulary",
      cut: "dropped: beyond the last 100 words",
      after: (p) => `probability of positive after it ${p}`,
      legendWords:
        "Bars: the probability of positive after each word, orange above 0.5 (the thin line), blue below. Struck-out words are dropped: too frequent (dotted) or not in the vocabulary (dashed).",
      legendState: "State values:",
      legendC: (m) => `(c scaled to its largest size here, ${m})`,
    },
    ko: {
      label: "영어 리뷰 입력 (붙여 넣어도 된다)",
      examples: "예시:",
      loading: "훈련된 모델을 불러오는 중…",
      failed: "모델의 가중치를 불러오지 못했다.",
      empty: "이 글에는 아직 어휘 사전에 있는 단어가 없다.",
      positive: "긍정",
      negative: "부정",
      verdict: (label, p) => `판정: ${label} (긍정일 확률 ${p})`,
      counts: (kept, dropped, pad) =>
        `읽은 단어 ${kept}개, 버린 단어 ${dropped}개. 모델은 첫 단어 앞에서 패딩(id 0)을 ${pad}번 읽는다.`,
      strip: "모델이 읽는 단어와, 각 단어 뒤의 확률과 상태",
      rowP: "긍정 확률",
      rowH: "h (은닉 상태)",
      rowC: "c (셀 상태)",
      kept: "읽음",
      frequent: "버림: 너무 흔한 단어 (id 20 미만)",
      unknown: "버림: 어휘 사전에 없는 단어",
      cut: "버림: 마지막 100단어 밖",
      after: (p) => `이 단어 뒤 긍정일 확률 ${p}`,
      legendWords:
        "막대는 각 단어 뒤 긍정일 확률이다. 0.5(가는 선)보다 높으면 주황, 낮으면 파랑. 줄이 그어진 단어는 버린 단어다. 점선은 너무 흔한 단어, 파선은 어휘 사전에 없는 단어.",
      legendState: "상태 값:",
      legendC: (m) => `(c는 이 리뷰에서 가장 큰 크기 ${m}로 나눈 값)`,
    },
  };

  const EXAMPLES = [
    "One of the best films of the year: a wonderful story, and the acting is great.",
    "A waste of time. The plot makes no sense, the acting is terrible. Boring!",
    "This movie was not good at all.",
  ];

  // -- numbers

  function floats({ shape, float32 }) {
    const bytes = Uint8Array.from(atob(float32), (ch) => ch.charCodeAt(0));
    const values = new Float32Array(bytes.buffer);
    if (values.length !== shape.reduce((a, b) => a * b, 1)) throw new Error("bad weights");
    return { shape, values };
  }

  const sigmoid = (x) => 1 / (1 + Math.exp(-x));

  // -- tokenizers: text -> tokens {word, id, status}, and the model's input ids

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
        if (id === undefined) return { word, id: null, status: "unknown" };
        return { word, id, status: id < spec.skip_top ? "frequent" : "kept" };
      });
      const kept = tokens.filter((token) => token.status === "kept");
      for (const token of kept.slice(0, Math.max(0, kept.length - spec.maxlen))) token.status = "cut";
      return tokens;
    }
    function encode(text) {
      const kept = tokenize(text).filter((token) => token.status === "kept").map((t) => t.id);
      const padded = new Array(spec.maxlen).fill(0);
      padded.splice(spec.maxlen - kept.length, kept.length, ...kept);
      return padded;
    }
    return { tokenize, encode, maxlen: spec.maxlen };
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

  const TOKENIZERS = { "imdb-words": imdbWords };
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

    const box = el("textarea", { id: `tryit-text-${n}`, rows: "3", spellcheck: "false" });
    box.value = EXAMPLES[0];
    const examples = el("div", { class: "tryit__examples", role: "group", "aria-label": t.examples });
    examples.append(el("span", { "aria-hidden": "true" }, t.examples));
    EXAMPLES.forEach((text, i) => {
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
    const legend = el("p", { class: "tryit__legend" }, t.legendWords);
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
      el("label", { for: box.id }, t.label),
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
      const kept = tokens.filter((token) => token.status === "kept").length;
      const pad = tokenizer.maxlen - kept;
      const largest = Math.max(1e-9, ...steps.slice(pad).flatMap((s) => Array.from(s.c, Math.abs)));
      let step = pad;
      strip.replaceChildren(
        ...tokens.map((token) => {
          const item = el("li", { class: `tryit__word tryit__word--${token.status}` });
          const word = el("span", { class: "tryit__label", title: token.word }, token.word);
          if (token.status !== "kept") {
            item.append(el("span", { class: "tryit__bar" }), word);
            item.append(el("span", { class: "tryit__sr" }, `: ${t[token.status]}`));
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
          item.append(el("span", { class: "tryit__sr" }, `: ${t.after(fixed(p, 3))}`));
          return item;
        }),
      );
      cNote.textContent = kept ? t.legendC(fixed(largest, 2)) : "";
      counts.textContent = t.counts(kept, tokens.length - kept, pad);
      // The live region speaks once the reader pauses, not at every key.
      clearTimeout(announce);
      const say = () => {
        const p = steps.at(-1).p;
        verdict.textContent = kept
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

  window.rnnTryit = { TOKENIZERS, MODELS, load, EXAMPLES };
  document.querySelectorAll(".tryit[data-tryit]").forEach(mount);
})();
