"""The Markdown of the notebooks, Korean and English side by side: titles and one text per step.

``STEPS`` is keyed by the snippet section a code cell comes from (see ``program.Step``); a cell
that joins several sections (a class split across fences) gets the first heading and every text.
A shown block with no entry here stops ``make notebooks`` and names the key to add.
"""

# The chapter pages' titles; a notebook's title is TITLE_PREFIX + its chapter's title.
CHAPTERS = {
    "numpy-rnn": {"ko": "NumPy로 만드는 RNN", "en": "An RNN in NumPy"},
    "keras-simplernn": {"ko": "Keras SimpleRNN", "en": "Keras SimpleRNN"},
    "embedding": {"ko": "단어 임베딩", "en": "Word embeddings"},
    "lstm": {"ko": "LSTM", "en": "LSTM"},
    "nsmc": {"ko": "네이버 영화 리뷰(NSMC)", "en": "Korean movie reviews (NSMC)"},
}
TITLE_PREFIX = {"ko": "노트북: ", "en": "Notebook: "}

# The text under the title; {chapter} is a link to the chapter page in the same language.
INTRO = {
    "ko": (
        "「{chapter}」 장의 코드를 처음부터 끝까지 실행하는 노트북이다. 셀의 코드는 페이지와 같은 "
        "파일에서 만들어지고, 출력은 기준 머신(CPU 2코어)에서 한 번 실행한 결과다. 다시 실행하면 "
        "시간과 마지막 자릿수가 조금 달라질 수 있다."
    ),
    "en": (
        "This notebook runs the code of the chapter {chapter} from top to bottom. The cells are "
        "built from the same files as the page, and the outputs are those of one run on the "
        "reference machine (2 CPU cores). A rerun may differ in the timings and the last digits."
    ),
}

# section -> language -> (heading, text)
STEPS = {
    "common/imdb.md:load": {
        "ko": (
            "데이터 불러오기 함수",
            "케라스가 내려받는 IMDB 리뷰를 단어 번호의 시퀀스로 읽고, 책과 같은 방식으로 훈련 "
            "세트 20,000개와 검증 세트 5,000개로 나눈다. 리뷰는 모두 100단어로 자르거나 패딩한다.",
        ),
        "en": (
            "A function that loads the data",
            "It reads the IMDB reviews that Keras downloads as sequences of word ids and splits "
            "them as the book does: 20,000 for training, 5,000 for the validation set. Every "
            "review is cut or padded to 100 words.",
        ),
    },
    "numpy-rnn.md:load-data": {
        "ko": (
            "데이터 불러오기",
            "번호가 20부터 99까지인 단어 80개만 남겨 불러온다. 배열의 크기로 훈련 세트와 검증 "
            "세트의 크기를 확인한다.",
        ),
        "en": (
            "Load the data",
            "Only the 80 words with ids 20 to 99 are kept. The array shapes show the sizes of the "
            "training and validation sets.",
        ),
    },
    "common/imdb.md:decode": {
        "ko": (
            "리뷰 한 편 읽어 보기",
            "첫 리뷰의 단어 번호를 단어로 되돌린다. 어휘 사전 밖의 단어는 빠져 있다.",
        ),
        "en": (
            "Read one review",
            "The word ids of the first review, turned back into words. Words outside the "
            "vocabulary are gone.",
        ),
    },
    "common/imdb.md:onehot": {
        "ko": (
            "원-핫 인코딩",
            "단어 번호마다 100개 중 하나만 1인 벡터를 쓴다. 배열이 메모리를 얼마나 차지하는지도 "
            "출력한다.",
        ),
        "en": (
            "One-hot encoding",
            "Each word id becomes a vector of 100 numbers with a single 1. The cell also prints "
            "how much memory the array takes.",
        ),
    },
    "numpy-rnn.md:class-forward": {
        "ko": (
            "RecurrentNetwork 클래스",
            "정방향 계산은 타임 스텝마다 은닉 상태를 계산하고, 마지막 은닉 상태만 출력층으로 "
            "보낸다.",
        ),
        "en": (
            "The RecurrentNetwork class",
            "The forward pass computes a hidden state at every time step and sends only the last "
            "one to the output layer.",
        ),
    },
    "numpy-rnn.md:class-backprop": {
        "ko": (
            "역전파",
            "역전파는 마지막 타임 스텝에서 `bptt_steps`개 타임 스텝만 거슬러 올라가는 잘린 BPTT다.",
        ),
        "en": (
            "Backpropagation",
            "Backpropagation is truncated BPTT: it walks back `bptt_steps` time steps from the "
            "last one.",
        ),
    },
    "numpy-rnn.md:class-training": {
        "ko": (
            "훈련 메서드",
            "`fit()`은 가중치를 초기화하고, 미니배치마다 확률적 경사 하강법으로 가중치를 갱신한다.",
        ),
        "en": (
            "Training methods",
            "`fit()` initializes the weights and updates them by stochastic gradient descent on "
            "every mini-batch.",
        ),
    },
    "numpy-rnn.md:class-evaluation": {
        "ko": (
            "평가 메서드",
            "나머지 메서드는 예측, 정확도, 검증 손실과 검증 정확도, 파라미터 개수를 계산하고, "
            "잘못된 입력에는 무엇이 잘못됐는지 알려 주는 오류를 낸다.",
        ),
        "en": (
            "Evaluation methods",
            "The remaining methods compute predictions, accuracy, the validation loss and "
            "accuracy, and the parameter count, and reject bad input with an error that says "
            "what is wrong.",
        ),
    },
    "numpy-rnn.md:train": {
        "ko": (
            "훈련",
            "셀 32개, 미니배치 크기 32, 학습률 0.01로 20 에포크 동안 훈련하고 에포크마다 "
            "훈련 손실, 검증 손실, 검증 정확도를 출력한다. 마지막 두 줄은 에포크 하나에 "
            "걸린 시간과 파라미터 개수다.",
        ),
        "en": (
            "Train",
            "32 cells, mini-batches of 32 and a learning rate of 0.01, for 20 epochs; each epoch "
            "prints the training loss, the validation loss and the validation accuracy. The last "
            "two lines are the time per epoch and the parameter count.",
        ),
    },
    "numpy-rnn.md:plot": {
        "ko": ("손실 그래프", "에포크마다 기록한 훈련 손실과 검증 손실을 그린다."),
        "en": ("Loss curves", "The training and validation loss recorded after each epoch."),
    },
    "numpy-rnn.md:score": {
        "ko": ("검증 정확도", "검증 세트에서 맞게 분류한 리뷰의 비율이다."),
        "en": (
            "Validation accuracy",
            "The share of the validation set the network classifies correctly.",
        ),
    },
    "keras-simplernn.md:model": {
        "ko": (
            "모델 만들기",
            "셀 32개의 SimpleRNN 층과 시그모이드 출력층으로 NumPy 장과 같은 구조를 만든다. "
            "`summary()`가 층마다 파라미터 개수를 보여 준다.",
        ),
        "en": (
            "Build the model",
            "A SimpleRNN layer of 32 cells and a sigmoid output: the structure of the NumPy "
            "chapter. `summary()` shows the parameters of each layer.",
        ),
    },
    "keras-simplernn.md:train": {
        "ko": (
            "훈련",
            "확률적 경사 하강법으로 20 에포크 동안 훈련한다. `verbose=2`이므로 에포크마다 한 "
            "줄씩 손실과 정확도를 출력한다.",
        ),
        "en": (
            "Train",
            "Stochastic gradient descent for 20 epochs; `verbose=2` prints one line of loss and "
            "accuracy per epoch.",
        ),
    },
    "common/curves.md:plot": {
        "ko": (
            "학습 곡선",
            "왼쪽은 손실, 오른쪽은 정확도다. 훈련 세트와 검증 세트의 곡선이 벌어지기 시작하는 "
            "에포크를 찾아본다.",
        ),
        "en": (
            "Learning curves",
            "Loss on the left, accuracy on the right. Look for the epoch where the training and "
            "validation curves start to part.",
        ),
    },
    "common/curves.md:score": {
        "ko": ("검증 정확도", "마지막 에포크가 끝났을 때 `fit()`이 잰 검증 정확도다."),
        "en": (
            "Validation accuracy",
            "The validation accuracy that `fit()` measured after the last epoch.",
        ),
    },
    "embedding.md:load-data": {
        "ko": (
            "데이터 불러오기",
            "이번에는 번호 20~999의 단어 980개를 남긴다. 원-핫 인코딩 없이 단어 번호를 그대로 "
            "쓰므로 배열이 작다.",
        ),
        "en": (
            "Load the data",
            "This time the 980 words with ids 20 to 999 are kept. The word ids go in as they "
            "are, without one-hot encoding, so the array stays small.",
        ),
    },
    "embedding.md:model": {
        "ko": (
            "모델 만들기",
            "Embedding 층이 단어 번호마다 학습되는 32차원 벡터를 꺼내 셀 8개의 SimpleRNN 층에 "
            "넘긴다.",
        ),
        "en": (
            "Build the model",
            "The Embedding layer looks up a learned vector of 32 numbers for each word id and "
            "passes it to a SimpleRNN layer of 8 cells.",
        ),
    },
    "embedding.md:train": {
        "ko": ("훈련", "Adam 옵티마이저로 10 에포크 동안 훈련한다."),
        "en": ("Train", "Adam, for 10 epochs."),
    },
    "common/imdb.md:encode": {
        "ko": (
            "글을 단어 번호로",
            "직접 쓴 리뷰를 IMDB 데이터와 똑같이 준비한다. 소문자로 바꾸고 문장 부호에서 나눈 "
            "단어를 번호(순위 + 3)로 바꾸고, 번호 20부터 `num_words - 1`까지만 남긴 뒤 100개로 "
            "맞춘다.",
        ),
        "en": (
            "From text to word ids",
            "A review you write, prepared exactly like the IMDB data: lower case, split at "
            "punctuation, each word's id (its rank + 3), only the ids from 20 to "
            "`num_words - 1`, brought to 100 ids.",
        ),
    },
    "embedding.md:classify": {
        "ko": ("새 리뷰 분류하기", "리뷰 세 개가 긍정일 확률을 출력한다."),
        "en": ("Classify new reviews", "The probability that each of three reviews is positive."),
    },
    "embedding.md:neighbours": {
        "ko": (
            "가장 가까운 단어",
            "훈련한 임베딩 행렬에서 코사인 유사도가 가장 높은 이웃 다섯 개를 단어마다 출력한다.",
        ),
        "en": (
            "Nearest words",
            "For a few words, the five neighbours with the highest cosine similarity in the "
            "trained embedding matrix.",
        ),
    },
    "lstm.md:model": {
        "ko": (
            "모델 만들기",
            "SimpleRNN 층 자리에 셀 8개의 LSTM 층을 넣는다. 나머지는 단어 임베딩 장의 모델과 같다.",
        ),
        "en": (
            "Build the model",
            "An LSTM layer of 8 cells takes the place of the SimpleRNN layer; the rest is the "
            "model of the word embedding chapter.",
        ),
    },
    "lstm.md:train": {
        "ko": (
            "훈련",
            "단어 임베딩 장과 같은 설정으로, Adam 옵티마이저로 10 에포크 동안 훈련한다.",
        ),
        "en": ("Train", "The settings of the word embedding chapter: Adam, for 10 epochs."),
    },
    "lstm.md:classify": {
        "ko": (
            "새 리뷰 분류하기",
            "단어 임베딩 장과 같은 리뷰 세 개를 LSTM 모델에 넣고 긍정일 확률을 출력한다.",
        ),
        "en": (
            "Classify new reviews",
            "The three reviews of the word embedding chapter, with the probability the LSTM "
            "model gives each of being positive.",
        ),
    },
    "nsmc.md:load": {
        "ko": (
            "NSMC 내려받기",
            "e9t/nsmc 저장소의 파일 두 개를 `keras.utils.get_file`로 내려받고 SHA-256 해시를 "
            "확인한다. 리뷰와 레이블(1 긍정, 0 부정)을 읽고 처음 다섯 개를 출력한다.",
        ),
        "en": (
            "Download NSMC",
            "The two files of the e9t/nsmc repository, downloaded with `keras.utils.get_file` "
            "and checked against their SHA-256 hashes. The reviews and labels (1 positive, 0 "
            "negative) are read and the first five printed.",
        ),
    },
    "nsmc.md:explore": {
        "ko": ("레이블과 길이", "긍정 리뷰의 비율과 리뷰 길이(글자 수)의 분포를 본다."),
        "en": (
            "Labels and lengths",
            "The share of positive reviews, and how long the reviews are, in characters.",
        ),
    },
    "nsmc.md:clean": {
        "ko": (
            "빈 리뷰와 중복 리뷰",
            "훈련 파일에서 빈 리뷰를 버리고, 여러 번 나오는 리뷰는 처음 것만 남긴다. 테스트 "
            "파일은 그대로 둔다.",
        ),
        "en": (
            "Empty and repeated reviews",
            "Empty reviews are dropped from the training file, and a review that occurs more "
            "than once is kept once. The test file stays as it is.",
        ),
    },
    "nsmc.md:tokenizers": {
        "ko": (
            "세 가지 토큰화",
            "어절(띄어쓰기 단위), 음절(글자), Kiwi의 형태소로 두 문장을 나누어 본다.",
        ),
        "en": (
            "Three tokenizations",
            "Two sentences cut into eojeol (the pieces between spaces), syllables (characters) "
            "and Kiwi's morphemes.",
        ),
    },
    "nsmc.md:vocabulary": {
        "ko": (
            "어휘 사전과 시퀀스",
            "모든 리뷰를 형태소로 나누고, 훈련 부분에서 두 번 이상 나온 형태소로 어휘 사전을 "
            "만든다. 리뷰는 형태소 번호 40개로 자르거나 패딩한다.",
        ),
        "en": (
            "Vocabulary and sequences",
            "Every review is cut into morphemes; the vocabulary is every morpheme seen at least "
            "twice in the training part. Reviews are cut or padded to 40 morpheme ids.",
        ),
    },
    "nsmc.md:models": {
        "ko": (
            "모델 세 개",
            "앞 장들의 임베딩 + SimpleRNN, 임베딩 + LSTM 모델과, 임베딩을 키우고 양방향 LSTM을 "
            "쓴 모델을 만든다.",
        ),
        "en": (
            "Three models",
            "The Embedding + SimpleRNN and Embedding + LSTM models of the earlier chapters, and "
            "one with a larger embedding and a bidirectional LSTM.",
        ),
    },
    "nsmc.md:train": {
        "ko": ("훈련", "세 모델을 같은 데이터로 3 에포크씩 훈련한다."),
        "en": ("Train", "The three models, on the same data, for 3 epochs each."),
    },
    "nsmc.md:plot": {
        "ko": ("검증 곡선", "세 모델의 에포크별 검증 손실과 검증 정확도다."),
        "en": ("Validation curves", "The validation loss and accuracy of the three models."),
    },
    "nsmc.md:test": {
        "ko": (
            "테스트 세트로 평가하기",
            "검증 정확도가 가장 높은 모델을 고르고, 테스트 리뷰 50,000개로 한 번만 평가한다.",
        ),
        "en": (
            "Evaluate on the test set",
            "The model with the best validation accuracy, evaluated once on the 50,000 test "
            "reviews.",
        ),
    },
    "nsmc.md:classify": {
        "ko": ("새 리뷰 분류하기", "직접 쓴 리뷰 네 개가 긍정일 확률을 출력한다."),
        "en": (
            "Classify new reviews",
            "Four reviews typed as text, with the probability the model gives each of being "
            "positive.",
        ),
    },
    "nsmc.md:syllable-vocabulary": {
        "ko": (
            "브라우저 패널의 모델: 음절 어휘 사전",
            "페이지의 패널은 자바스크립트로 똑같이 나눌 수 있는 음절을 읽는다. 훈련 부분에서 10번 "
            "이상 나온 음절이 어휘 사전이 되고, 리뷰는 마지막 100음절만 남긴다.",
        ),
        "en": (
            "The panel's model: a syllable vocabulary",
            "The page's panel reads syllables, which JavaScript cuts exactly as Python does. The "
            "vocabulary is every syllable seen at least 10 times in the training part; a review "
            "keeps its last 100 syllables.",
        ),
    },
    "nsmc.md:syllable-model": {
        "ko": ("음절 모델", "LSTM 장과 같은 모양에 임베딩만 16차원으로 줄인 모델이다."),
        "en": (
            "The syllable model",
            "The LSTM chapter's shape, with the embedding cut to 16 dimensions.",
        ),
    },
    "nsmc.md:syllable-train": {
        "ko": ("음절 모델 훈련하기", "형태소 모델보다 에포크를 늘려 5번 훈련한다."),
        "en": ("Train the syllable model", "Five epochs: more than the morpheme models get."),
    },
    "nsmc.md:syllable-classify": {
        "ko": (
            "두 모델 비교하기",
            "형태소 모델과 음절 모델이 같은 리뷰 네 개에 준 긍정 확률을 나란히 출력한다.",
        ),
        "en": (
            "The two models side by side",
            "The probability of positive the morpheme model and the syllable model give the same "
            "four reviews.",
        ),
    },
}
