names = ['testkit']
evaluate(new File(generator))
