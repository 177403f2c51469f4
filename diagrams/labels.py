"""Every word drawn in a figure, in Korean and English, in terms.yml's words.

One drawing serves both languages: a figure asks for a key and gets the label of the page's
language. `_x` marks a subscript (see diagrams.svg).
"""

from project import LANGUAGES

_LABELS = {
    # Legend: one entry per colour role (diagrams.style).
    "role.input": ("입력", "input"),
    "role.hidden": ("은닉 상태", "hidden state"),
    "role.weight": ("가중치·절편", "weights and bias"),
    "role.op": ("연산", "operation"),
    "role.gradient": ("그레이디언트", "gradient"),
    "role.cell_state": ("셀 상태", "cell state"),
    "role.forget_gate": ("삭제 게이트", "forget gate"),
    "role.input_gate": ("입력 게이트", "input gate"),
    "role.output_gate": ("출력 게이트", "output gate"),
    # sequence
    "sequence.sentence_title": (
        "문장: 단어가 순서대로 놓인 순차 데이터",
        "A sentence: words in order",
    ),
    "sequence.sentence": ("나는 이 영화가 정말 좋았다", "I really liked this movie"),
    "sequence.series_title": (
        "시계열: 일정한 간격으로 측정한 값",
        "A time series: values measured at fixed intervals",
    ),
    "sequence.time_step": ("타임 스텝", "time step"),
    "sequence.interval": ("일정한 간격", "fixed interval"),
    # unrolled
    "unrolled.layer": ("순환층", "recurrent layer"),
    "unrolled.unrolling": ("펼치기", "unrolling"),
    "unrolled.unrolled": ("타임 스텝마다 펼친 순환층", "unrolled over time steps"),
    "unrolled.sharing": (
        "모든 타임 스텝이 같은 W_x, W_h, b를 쓴다 (가중치 공유)",
        "Every time step uses the same W_x, W_h, b (weight sharing)",
    ),
    # cell
    "cell.batch_features": ("배치 × 특성", "batch × features"),
    "cell.features_cells": ("특성 × 셀", "features × cells"),
    "cell.batch_cells": ("배치 × 셀", "batch × cells"),
    "cell.cells_cells": ("셀 × 셀", "cells × cells"),
    "cell.cells": ("셀", "cells"),
    "cell.next_step": ("다음 타임 스텝의 h_{t−1}", "h_{t−1} of the next step"),
    # model
    "model.input": ("입력 시퀀스", "input sequence"),
    "model.input_shape": ("(배치, 100, 100)", "(batch, 100, 100)"),
    "model.input_note": ("타임 스텝 100개 × 원-핫 인코딩 100", "100 time steps × 100-wide one-hot"),
    "model.layer": ("순환층: 셀 32개", "recurrent layer: 32 cells"),
    "model.layer_note": (
        "W_x (100 × 32); W_h (32 × 32), b (32)",
        "W_x (100 × 32); W_h (32 × 32), b (32)",
    ),
    "model.last_state": ("마지막 은닉 상태 h_{100}", "last hidden state h_{100}"),
    "model.batch_32": ("(배치 × 32)", "(batch × 32)"),
    "model.dense_note": ("가중치 (32 × 1), 절편 (1)", "weights (32 × 1), bias (1)"),
    "model.batch_1": ("(배치 × 1)", "(batch × 1)"),
    "model.probability": ("긍정 리뷰일 확률", "probability of a positive review"),
    "model.range": ("0과 1 사이", "between 0 and 1"),
    # bptt
    "bptt.loss": ("손실 L", "loss L"),
    "bptt.window": ("절단 구간: 마지막 10 타임 스텝", "truncation window: last 10 time steps"),
    "bptt.no_gradient": ("그레이디언트 없음", "no gradient"),
    "bptt.forward": ("정방향 계산", "forward pass"),
    "bptt.backward": ("역전파", "backpropagation"),
    "bptt.sum": (
        "W_x, W_h, b의 그레이디언트는 구간 안 10 타임 스텝에서 더한다",
        "The gradients of W_x, W_h, b are summed over the 10 steps in the window",
    ),
    # onehot-embedding
    "embedding.onehot_title": (
        "원-핫 인코딩: 어휘 사전 100개 → 길이 100인 벡터",
        "One-hot encoding: 100-word vocabulary → 100-wide vector",
    ),
    "embedding.onehot_note": (
        "단어 번호 7 자리만 1, 나머지 99개는 0",
        "1 at word index 7, 0 in the other 99",
    ),
    "embedding.title": (
        "단어 임베딩: 어휘 사전 1,000개 → 길이 32인 학습된 벡터",
        "Word embedding: 1,000-word vocabulary → learned 32-wide vector",
    ),
    "embedding.word": ("단어 번호 7", "word index 7"),
    "embedding.matrix": ("임베딩 행렬", "embedding matrix"),
    "embedding.row": ("7번 행", "row 7"),
    "embedding.embedding": ("단어 임베딩", "word embedding"),
    "embedding.vector": ("실수 32개 (훈련으로 학습)", "32 real numbers (learned in training)"),
    # lstm-cell
    "lstm.candidate": ("후보", "candidate"),
    # gradient-decay
    "decay.y_title": ("‖∂h_T / ∂h_{T−k}‖ (로그 눈금)", "‖∂h_T / ∂h_{T−k}‖ (log scale)"),
    "decay.x_title": (
        "k: 마지막 타임 스텝에서 거슬러 올라간 스텝 수",
        "k: time steps back from the last one",
    ),
    "decay.setup": (
        "tanh 순환층, 셀 32개, W_h = 배율 × 직교 행렬",
        "tanh recurrent layer, 32 cells, W_h = gain × orthogonal matrix",
    ),
    "decay.gain": ("배율 {}", "gain {}"),
    "decay.window": ("절단 구간", "truncation window"),
}


def labels(lang: str) -> dict[str, str]:
    """The label table of one language."""
    column = LANGUAGES.index(lang)
    return {key: pair[column] for key, pair in _LABELS.items()}
